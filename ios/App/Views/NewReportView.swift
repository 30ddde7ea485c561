import IhanoiKit
import PhotosUI
import SwiftUI

/// The guided flow as one scrolling form: photos, position, category, description, review.
struct NewReportView: View {
    let model: NewReportModel
    let settings: SettingsModel
    @State private var picked: PhotosPickerItem?
    @State private var showCamera = false
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        Form {
            Section(model.stepTitles[0]) {
                ScrollView(.horizontal) {
                    HStack {
                        ForEach(model.photos) { photo in
                            AsyncImage(url: URL(fileURLWithPath: photo.thumbnailPath)) {
                                $0.resizable().scaledToFill()
                            } placeholder: {
                                ProgressView()
                            }
                            .frame(width: 96, height: 96).clipped()
                            .accessibilityLabel(([photo.label] + photo.flags).joined(separator: ", "))
                        }
                    }
                }
                PhotosPicker(model.choosePhotoTitle, selection: $picked, matching: .images)
                Button(model.takePhotoTitle) { showCamera = true }
            }
            Section(model.stepTitles[1]) {
                Text(model.positionText)
                if let quality = model.positionQuality { Text(quality).font(.footnote) }
                Button(model.useMyPositionTitle) { Task { await model.locate() } }
            }
            Section(model.stepTitles[2]) {
                Picker(model.stepTitles[2], selection: Binding(get: { model.categoryCode }, set: model.chooseCategory))
                {
                    ForEach(model.categories) { Text($0.name).tag(Optional($0.id)) }
                }
            }
            Section(model.stepTitles[3]) {
                TextField(
                    model.stepTitles[3], text: Binding(get: { model.descriptionText }, set: model.setDescription),
                    axis: .vertical)
                TextField(model.addressLabel, text: Binding(get: { model.address }, set: model.setAddress))
            }
            Section(model.stepTitles[4]) {
                ForEach(model.problems, id: \.self) { Text($0).foregroundStyle(.red) }
                ForEach(model.warnings, id: \.self) { Text($0).foregroundStyle(.orange) }
                if let problem = model.problem { Text(problem).foregroundStyle(.red) }
                if let queued = model.queuedText { Text(queued) }
                Button(model.queueTitle) { model.queue() }.disabled(!model.canQueue)
            }
        }
        .navigationTitle(model.title)
        .onChange(of: picked) { _, item in
            guard let item else { return }
            Task {
                guard let data = try? await item.loadTransferable(type: Data.self),
                    let url = try? PhotoFiles.writeJPEG(data)
                else { return }
                await model.addPhoto(at: url, source: .gallery, options: settings.compressOptions)
            }
        }
        .sheet(isPresented: $showCamera) {
            CameraView { data in
                Task {
                    guard let url = try? PhotoFiles.writeJPEG(data) else { return }
                    await model.addPhoto(at: url, source: .camera, options: settings.compressOptions)
                }
            }
        }
    }
}

/// The system camera; hands back the photo's data with its metadata (EXIF time, GPS).
struct CameraView: UIViewControllerRepresentable {
    let taken: (Data) -> Void

    func makeUIViewController(context: Context) -> UIImagePickerController {
        let picker = UIImagePickerController()
        picker.sourceType = .camera
        picker.delegate = context.coordinator
        return picker
    }

    func updateUIViewController(_ controller: UIImagePickerController, context: Context) {}

    func makeCoordinator() -> Coordinator { Coordinator(taken: taken) }

    final class Coordinator: NSObject, UIImagePickerControllerDelegate, UINavigationControllerDelegate {
        let taken: (Data) -> Void
        init(taken: @escaping (Data) -> Void) { self.taken = taken }

        func imagePickerController(
            _ picker: UIImagePickerController,
            didFinishPickingMediaWithInfo info: [UIImagePickerController.InfoKey: Any]
        ) {
            if let image = info[.originalImage] as? UIImage, let data = image.jpegData(compressionQuality: 0.92) {
                taken(data)
            }
            picker.dismiss(animated: true)
        }
    }
}
