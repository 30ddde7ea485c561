import IhanoiKit
import SwiftUI

struct ReportDetailView: View {
    let model: ReportDetailModel
    @State private var fullPhoto: String?

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
                                    Task { fullPhoto = await model.openPhoto(photo) }
                                } label: {
                                    AsyncImage(url: photo.thumbnailPath.map { URL(fileURLWithPath: $0) }) {
                                        $0.resizable().scaledToFill()
                                    } placeholder: {
                                        ProgressView()
                                    }
                                    .frame(width: 96, height: 96).clipped()
                                }
                                .accessibilityLabel(entry.label)
                            }
                        }
                    }
                }
            }
            if let problem = model.problem { Text(problem).foregroundStyle(.red) }
        }
        .navigationTitle(model.title)
        .onAppear { model.load() }
        .fullScreenCover(item: $fullPhoto) { path in
            AsyncImage(url: URL(fileURLWithPath: path)) {
                $0.resizable().scaledToFit()
            } placeholder: {
                ProgressView()
            }
            .onTapGesture { fullPhoto = nil }
        }
    }
}

extension String: @retroactive Identifiable {
    public var id: String { self }
}
