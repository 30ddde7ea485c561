import Foundation
import IhanoiCore
import Observation

/// A point of the drawing, in points from its top-left corner.
public struct CanvasPoint: Equatable, Sendable {
    public let x: Double
    public let y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// One ward or commune as the view draws it: its rings (outer rings and holes, to be filled
/// with the even-odd rule), whether the pin is in it, and where its name goes.
public struct DrawnWard: Equatable, Identifiable, Sendable {
    public let id: String
    public let name: String
    public let rings: [[CanvasPoint]]
    public let holdsPin: Bool
    /// The middle of its largest ring, nil when that is off the drawing.
    public let labelAt: CanvasPoint?
}

/// Everything the map view draws for a given size: the ward outlines around the pin and the pin.
public struct PinMapDrawing: Equatable, Sendable {
    public let wards: [DrawnWard]
    /// Nil while the report has no position (the map is centred on the city then).
    public let pin: CanvasPoint?
}

/// The position screen's map with no network: the pin over the outlines of the ward holding it
/// and of those around, from the core's boundary data (`ward_outlines`). The view draws
/// `drawing(width:height:)` (north up, one scale on both axes) and hands taps back to
/// `placePin(atX:y:width:height:)`; map tiles, when online, are the app's business only.
@MainActor
@Observable
public final class PinMapModel {
    @ObservationIgnored private unowned let report: NewReportModel
    /// The middle of the drawing: the pin, or the city's centre before there is one.
    public private(set) var center: MapPoint
    public private(set) var pin: MapPoint?
    /// Metres across the shorter side of the drawing.
    public private(set) var spanMeters: Double = PinMapModel.defaultSpan
    private var outlines: WardOutlines?
    private var failure: Phrase?

    static let defaultSpan: Double = 1_500
    static let spans: ClosedRange<Double> = 300...8_000
    /// Hoàn Kiếm Lake, where the map opens before the report has a position.
    static let cityCentre = MapPoint(lat: 21.0287, lon: 105.8524)

    init(report: NewReportModel) {
        self.report = report
        center = Self.cityCentre
    }

    private var language: DisplayLanguage { report.language }

    // MARK: What the screen shows

    public var title: String { Strings.mapTitle(language) }
    public var hint: String { Strings.mapHint(language) }
    public var zoomInTitle: String { Strings.zoomIn(language) }
    public var zoomOutTitle: String { Strings.zoomOut(language) }
    public var canZoomIn: Bool { spanMeters > Self.spans.lowerBound }
    public var canZoomOut: Bool { spanMeters < Self.spans.upperBound }
    /// The core's word when no ward holds the point (outside Hanoi), or what failed.
    public var note: String? { (failure ?? outlines?.note.map(Phrase.init))?(language) }

    /// What VoiceOver reads for the whole map: where the pin is and which wards are around.
    public var accessibilityLabel: String {
        let wards = outlines?.wards ?? []
        let holding = wards.first(where: \.containsPoint).map { Phrase($0.name) }
        let around = wards.filter { !$0.containsPoint }.map { Phrase($0.name) }
        return Strings.mapDescription(pinned: pin != nil, holding: holding, around: around)(language)
    }

    /// The outlines and the pin projected onto a drawing of this size (points).
    public func drawing(width: Double, height: Double) -> PinMapDrawing {
        let projection = Projection(center: center, spanMeters: spanMeters, width: width, height: height)
        let wards = (outlines?.wards ?? []).map { ward in
            let rings = ward.polygons.flatMap { [$0.exterior] + $0.holes }.map { $0.map(projection.point) }
            let largest = ward.polygons.map(\.exterior).max { $0.count < $1.count }
            let label = largest.map { ring in
                projection.point(
                    MapPoint(
                        lat: ring.map(\.lat).reduce(0, +) / Double(max(ring.count, 1)),
                        lon: ring.map(\.lon).reduce(0, +) / Double(max(ring.count, 1))))
            }
            return DrawnWard(
                id: ward.code, name: Phrase(ward.name)(language), rings: rings, holdsPin: ward.containsPoint,
                labelAt: label.flatMap { projection.isInside($0) ? $0 : nil })
        }
        return PinMapDrawing(wards: wards, pin: pin.map(projection.point))
    }

    /// Where on the ground a point of the drawing is.
    public func location(atX x: Double, y: Double, width: Double, height: Double) -> MapPoint {
        Projection(center: center, spanMeters: spanMeters, width: width, height: height).location(x: x, y: y)
    }

    // MARK: What a tap does

    /// The resident tapped (or dropped the pin) there: the report's position is set by hand.
    public func placePin(atX x: Double, y: Double, width: Double, height: Double) {
        let point = location(atX: x, y: y, width: width, height: height)
        report.setPin(lat: point.lat, lon: point.lon)
    }

    public func zoomIn() { zoom(to: spanMeters / 2) }
    public func zoomOut() { zoom(to: spanMeters * 2) }

    // MARK: Plumbing

    /// The report's position changed (or the screen opened): centre on it and read the
    /// outlines around it.
    func show(pin newPin: MapPoint?) {
        guard newPin != pin || outlines == nil else { return }
        pin = newPin
        center = newPin ?? Self.cityCentre
        reload()
    }

    private func zoom(to span: Double) {
        let clamped = min(max(span, Self.spans.lowerBound), Self.spans.upperBound)
        guard clamped != spanMeters else { return }
        spanMeters = clamped
        reload()
    }

    /// Every ward the drawing can show: the circle through its corners (a tall phone's drawing
    /// is about twice as high as wide).
    private func reload() {
        do {
            outlines = try report.app.core.wardOutlines(lat: center.lat, lon: center.lon, radiusM: spanMeters * 1.2)
            failure = nil
        } catch {
            failure = problemPhrase(for: error)
        }
    }
}

/// Metres per degree of latitude (and of longitude at the equator), exact enough at a ward's scale.
let metersPerDegree = 111_320.0

/// Degrees to points and back around the drawing's centre: a local equirectangular projection
/// (longitude scaled by the cosine of the latitude), exact enough over a few kilometres.
struct Projection {
    let center: MapPoint
    let width: Double
    let height: Double
    /// Points per metre.
    let scale: Double
    let cosLat: Double

    init(center: MapPoint, spanMeters: Double, width: Double, height: Double) {
        self.center = center
        self.width = width
        self.height = height
        scale = min(width, height) / spanMeters
        cosLat = cos(center.lat * .pi / 180)
    }

    func point(_ location: MapPoint) -> CanvasPoint {
        let east = (location.lon - center.lon) * metersPerDegree * cosLat
        let north = (location.lat - center.lat) * metersPerDegree
        return CanvasPoint(x: width / 2 + east * scale, y: height / 2 - north * scale)
    }

    func location(x: Double, y: Double) -> MapPoint {
        let east = (x - width / 2) / scale
        let north = (height / 2 - y) / scale
        return MapPoint(
            lat: center.lat + north / metersPerDegree,
            lon: center.lon + east / (metersPerDegree * cosLat))
    }

    func isInside(_ point: CanvasPoint) -> Bool {
        (0...width).contains(point.x) && (0...height).contains(point.y)
    }
}
