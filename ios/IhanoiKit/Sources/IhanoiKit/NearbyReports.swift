import IhanoiCore

/// One of the city's open reports near the draft, in its category (someone else's): what the
/// review shows so that the resident can see the problem may already be reported.
public struct NearbyReportRow: Equatable, Identifiable, Sendable {
    /// The city's id of the report.
    public let id: String
    /// Where the city is with it, in the core's words.
    public let status: String
    /// How far from the draft's position ("cách 22 m").
    public let distance: String
    /// The start of its description (nil when the city publishes none).
    public let excerpt: String?
    public let address: String?
    public let unit: String?
    /// Its photos' thumbnails that arrived, in the city's order.
    public let thumbnailPaths: [String]
    /// What VoiceOver reads: status, distance, excerpt.
    public var accessibilityLabel: String {
        [status, distance, excerpt, address].compactMap { $0 }.joined(separator: ", ")
    }
}

/// The rows of the core's answer, in `language`.
func nearbyRows(_ answer: NearbyCityReports?, _ language: DisplayLanguage) -> [NearbyReportRow] {
    (answer?.reports ?? []).map { report in
        NearbyReportRow(
            id: report.serviceRequestId, status: Phrase(report.statusLabel)(language),
            distance: Strings.distanceAway(report.distanceM)(language),
            excerpt: report.excerpt.isEmpty ? nil : report.excerpt,
            address: report.address, unit: report.unitName,
            thumbnailPaths: report.photos.compactMap(\.thumbnailPath))
    }
}
