import IhanoiKit
import SwiftUI

struct ReportDetailView: View {
    let model: ReportDetailModel
    /// Thumbnails grow with the text size.
    @ScaledMetric private var thumbnail: CGFloat = 96

    var body: some View {
        List {
            Section {
                Text(model.stateLabel).font(.headline)
                Text(model.cityStatus)
                if let unit = model.unitText { Text(unit) }
                if let acknowledge = model.acknowledgeBy { Text(acknowledge).font(.footnote) }
                if let handle = model.handleBy { Text(handle).font(.footnote) }
                if let overdue = model.overdueText { Text(overdue).foregroundStyle(.red) }
                Text(model.descriptionText)
            }
            if !model.photos.isEmpty {
                Section(model.photosTitle) {
                    ScrollView(.horizontal) {
                        HStack {
                            ForEach(model.photos) { photo in
                                Button {
                                    model.showPhoto(photo)
                                } label: {
                                    Thumbnail(path: photo.thumbnailPath, side: thumbnail)
                                }
                                .accessibilityLabel(photo.accessibilityLabel)
                            }
                        }
                    }
                }
            }
            if let attention = model.attention {
                Section(attention.title) { Text(attention.reason) }
            }
            if let refusal = model.refusal {
                Section(refusal.title) { Text(refusal.reason) }
            }
            Section(model.timelineTitle) {
                ForEach(model.timeline) { entry in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(entry.label).font(.headline)
                        Text(entry.time).font(.caption)
                        Text(entry.text)
                        HStack {
                            ForEach(entry.photos) { photo in
                                Button {
                                    Task { await model.openPhoto(photo) }
                                } label: {
                                    Thumbnail(path: photo.thumbnailPath, side: thumbnail)
                                }
                                .accessibilityLabel(photo.accessibilityLabel)
                            }
                        }
                    }
                }
            }
            if let problem = model.problem { Text(problem).foregroundStyle(.red) }
        }
        .navigationTitle(model.title)
        .onAppear { model.load() }
        .fullScreenCover(item: Binding(get: { model.fullScreen }, set: { if $0 == nil { model.closePhoto() } })) {
            FullScreenPhotoView(photo: $0, close: model.closePhoto)
        }
    }
}

/// A photo file as a square thumbnail (a spinner while it is not there yet).
struct Thumbnail: View {
    let path: String?
    let side: CGFloat

    var body: some View {
        AsyncImage(url: path.map { URL(fileURLWithPath: $0) }) {
            $0.resizable().scaledToFill()
        } placeholder: {
            ProgressView()
        }
        .frame(width: side, height: side)
        .clipped()
    }
}

/// One photo on a black background, fitted, with a close button VoiceOver can reach.
struct FullScreenPhotoView: View {
    let photo: FullScreenPhoto
    let close: () -> Void

    var body: some View {
        ZStack(alignment: .topTrailing) {
            Color.black.ignoresSafeArea()
            AsyncImage(url: URL(fileURLWithPath: photo.path)) {
                $0.resizable().scaledToFit()
            } placeholder: {
                ProgressView()
            }
            .accessibilityLabel(photo.accessibilityLabel)
            Button(photo.closeTitle, systemImage: "xmark.circle.fill", action: close)
                .labelStyle(.iconOnly)
                .font(.largeTitle)
                .foregroundStyle(.white)
                .padding()
        }
    }
}
