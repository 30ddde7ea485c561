import IhanoiKit
import PhotosUI
import SwiftUI

/// The guided flow as one scrolling form: photos, position, category, description, review.
struct NewReportView: View {
    @Bindable var model: NewReportModel
    let settings: SettingsModel
    @State private var picked: PhotosPickerItem?
    @State private var showCamera = false
    /// Thumbnails grow with the text size.
    @ScaledMetric private var thumbnail: CGFloat = 96

    var body: some View {
        Form {
            Section(model.stepTitles[0]) {
                ScrollView(.horizontal) {
                    HStack {
                        ForEach(model.photos) { photo in
                            Thumbnail(path: photo.thumbnailPath, side: thumbnail)
                                .accessibilityElement()
                                .accessibilityLabel(photo.accessibilityLabel)
                        }
                    }
                }
                PhotosPicker(model.choosePhotoTitle, selection: $picked, matching: .images)
                Button(model.takePhotoTitle) { Task { showCamera = await model.prepareCamera() } }
            }
            Section(model.stepTitles[1]) {
                Text(model.positionText)
                if let quality = model.positionQuality { Text(quality).font(.footnote) }
                Button(model.useMyPositionTitle) { Task { await model.locate() } }
                PinMapView(model: model.map)
            }
            Section(model.stepTitles[2]) {
                @Bindable var model = model
                TextField(model.categorySearchPrompt, text: $model.categoryQuery)
                    .autocorrectionDisabled()
                Picker(model.stepTitles[2], selection: Binding(get: { model.categoryCode }, set: model.chooseCategory))
                {
                    ForEach(model.categories) { Text($0.name).tag(Optional($0.id)) }
                }
                ForEach(model.attributeFields) { AttributeFieldView(field: $0, model: model) }
            }
            Section(model.stepTitles[3]) {
                TextField(
                    model.stepTitles[3], text: Binding(get: { model.descriptionText }, set: model.setDescription),
                    axis: .vertical)
                TextField(model.addressLabel, text: Binding(get: { model.address }, set: model.setAddress))
                Picker(model.urgencyTitle, selection: Binding(get: { model.urgency }, set: model.setUrgency)) {
                    ForEach(model.urgencyChoices) { Text($0.label).tag($0.value) }
                }
            }
            Section(model.stepTitles[4]) {
                ForEach(model.problems, id: \.self) { Text($0).foregroundStyle(.red) }
                ForEach(model.warnings, id: \.self) { Text($0).foregroundStyle(.orange) }
                NearbyReportsView(model: model)
                if let problem = model.problem { Text(problem).foregroundStyle(.red) }
                if let queued = model.queuedText { Text(queued) }
                Button(model.queueTitle) { model.queue() }.disabled(!model.canQueue)
            }
        }
        .navigationTitle(model.title)
        .permissionPrompts(model.permissions)
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
            CameraView { image, metadata in
                // Written here, on the main actor, so only the file's URL crosses into the task.
                guard let url = try? PhotoFiles.writeJPEG(image, metadata: metadata) else { return }
                Task { await model.addPhoto(at: url, source: .camera, options: settings.compressOptions) }
            }
        }
    }
}

/// The system camera; hands back the photo with the capture's metadata (EXIF time, orientation),
/// which `UIImage.jpegData` would drop and the core reads for the photo's time.
struct CameraView: UIViewControllerRepresentable {
    let taken: (UIImage, [String: Any]) -> Void

    func makeUIViewController(context: Context) -> UIImagePickerController {
        let picker = UIImagePickerController()
        picker.sourceType = .camera
        picker.delegate = context.coordinator
        return picker
    }

    func updateUIViewController(_ controller: UIImagePickerController, context: Context) {}

    func makeCoordinator() -> Coordinator { Coordinator(taken: taken) }

    final class Coordinator: NSObject, UIImagePickerControllerDelegate, UINavigationControllerDelegate {
        let taken: (UIImage, [String: Any]) -> Void
        init(taken: @escaping (UIImage, [String: Any]) -> Void) { self.taken = taken }

        func imagePickerController(
            _ picker: UIImagePickerController,
            didFinishPickingMediaWithInfo info: [UIImagePickerController.InfoKey: Any]
        ) {
            if let image = info[.originalImage] as? UIImage {
                taken(image, info[.mediaMetadata] as? [String: Any] ?? [:])
            }
            picker.dismiss(animated: true)
        }
    }
}
