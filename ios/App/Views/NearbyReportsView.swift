import IhanoiKit
import SwiftUI

/// Others' open reports of the category within 50 m, in the review: the core's heading, how old a
/// kept answer is, then each report (status, distance, excerpt, thumbnails). Asked again whenever
/// the category or the position changes; never stops the report from being sent.
struct NearbyReportsView: View {
    let model: NewReportModel
    /// Thumbnails grow with the text size.
    @ScaledMetric private var thumbnail: CGFloat = 56

    var body: some View {
        Group {
            if let title = model.nearbyTitle { Text(title).font(.headline) }
            if let freshness = model.nearbyFreshness { Text(freshness).font(.footnote).foregroundStyle(.secondary) }
            ForEach(model.nearbyReports) { report in
                HStack(alignment: .top) {
                    ForEach(report.thumbnailPaths, id: \.self) { Thumbnail(path: $0, side: thumbnail) }
                    VStack(alignment: .leading, spacing: 2) {
                        Text(report.status).font(.subheadline.bold())
                        Text(report.distance).font(.footnote)
                        if let excerpt = report.excerpt { Text(excerpt).font(.footnote) }
                        if let address = report.address { Text(address).font(.footnote).foregroundStyle(.secondary) }
                    }
                }
                .accessibilityElement(children: .ignore)
                .accessibilityLabel(report.accessibilityLabel)
            }
        }
        .task(id: model.nearbySearchKey) { await model.loadNearby() }
    }
}
