import Foundation
import IhanoiCore
import IhanoiKit
import IhanoiKitTestSupport
import XCTest

/// One phone for a test: a real core on a fresh data directory, pointed at the reference city,
/// the test services, and the app's model on top.
@MainActor
final class Phone {
    let directory: URL
    let city: ReferenceCity
    let services = TestServices()
    private(set) var core: IhanoiCore
    private(set) var app: AppModel

    init(for testCase: XCTestCase, language: String = "vi-VN", city: ReferenceCity? = nil) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ihanoi-kit-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let directory = self.directory
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        self.city = try city ?? ReferenceCity.fromEnvironment()
        // A resident who already let the app use the camera and the position (PermissionTests
        // starts from phones that did not); notifications are asked in the journey.
        services.permissions.set(.camera, .granted)
        services.permissions.set(.location, .granted)
        (core, app) = try Self.open(directory, self.city, services, language)
    }

    /// What the app's entry does at launch: open the core, point it at the city, allow the
    /// folder the camera and picker write into, start the model.
    private static func open(_ directory: URL, _ city: ReferenceCity, _ services: TestServices, _ language: String)
        throws -> (IhanoiCore, AppModel)
    {
        let core = try IhanoiCore.open(dataDir: directory.path, secrets: services.secrets)
        try core.configureCity(config: city.config)
        try core.setPhotoInputDirs(dirs: [try sharedFile("photos").path])
        let app = AppModel(core: core, services: services.platform, systemLanguageTag: language)
        try app.start()
        return (core, app)
    }

    /// The app is killed and started again on the same data (the secure store survives, as
    /// the Keychain does).
    func relaunch() throws {
        app.stop()
        (core, app) = try Self.open(directory, city, services, "vi-VN")
    }

    /// Signs in with a number of its own (the city limits the codes sent to one number).
    func signIn(phone: String = randomPhoneNumber()) async throws {
        let model = app.signIn()
        model.phone = phone
        await model.sendCode()
        guard case .code(let normalised) = model.step else {
            return XCTFail("no code step: \(model.problem ?? "")")
        }
        model.code = try city.signInCode(phone: normalised)
        await model.signIn()
        XCTAssertEqual(model.step, .done, model.problem ?? "")
    }

    /// A complete report at Hoàn Kiếm Lake with a real photo, queued.
    func queueReport(description: String = "Rác thải đổ trộm ở đầu ngõ 5, bốc mùi") async throws -> String {
        let model = try app.newReport()
        await model.addPhoto(at: try sharedFile("photos", "iphone4s-gps-small.jpg"), source: .camera)
        services.location.set(hoanKiemFix())
        await model.locate()
        model.chooseCategory("ve_sinh_moi_truong")
        model.setDescription(description)
        XCTAssertEqual(model.problems, [])
        model.queue()
        XCTAssertTrue(model.isQueued, model.problem ?? "")
        return model.reportId
    }
}

/// The reference server run as a plain GeoReport v2 server (no sign-in, no extension) whose
/// flooding and tree services publish forms of the city's own; tests/ios/run.sh starts it with
/// `--profile plain,city-forms` and names it in IHANOI_FORMS_CITY_URL.
func formsCity() throws -> ReferenceCity {
    let url = try XCTUnwrap(
        ProcessInfo.processInfo.environment["IHANOI_FORMS_CITY_URL"],
        "IHANOI_FORMS_CITY_URL is not set: run tests/ios/run.sh")
    return ReferenceCity(url: url)
}

/// The core's log lines, as the app's sink (os_log) would get them. The sink is process-wide and
/// installed once, at the most detailed level: every test shares it.
final class LogCapture: LogSink, @unchecked Sendable {
    static let shared = LogCapture()
    private static let installed: Void = {
        try! installLogSink(sink: shared, maxLevel: .trace)
    }()

    private let lock = NSLock()
    private var recorded: [String] = []

    func install() {
        _ = Self.installed
    }

    /// Every line so far, with its target.
    var lines: [String] { lock.withLock { recorded } }

    func log(level: LogLevel, target: String, message: String) {
        lock.withLock { recorded.append("\(target): \(message)") }
    }
}

/// A Vietnamese mobile number no other test uses.
func randomPhoneNumber() -> String {
    "09" + String(Int.random(in: 10_000_000...99_999_999))
}

/// A good phone fix by Hoàn Kiếm Lake, now.
func hoanKiemFix(mocked: Bool = false) -> LocationFix {
    LocationFix(
        lat: 21.0287, lon: 105.8524, accuracyM: 8, timeMs: Int64(Date().timeIntervalSince1970 * 1000),
        source: .deviceGps, mocked: mocked)
}

/// A file or folder of the shared test data, which tests/ios/run.sh copies into the chroot and
/// names in IHANOI_SHARED.
func sharedFile(_ parts: String...) throws -> URL {
    let root = try XCTUnwrap(
        ProcessInfo.processInfo.environment["IHANOI_SHARED"], "IHANOI_SHARED is not set: run tests/ios/run.sh")
    let url = parts.reduce(URL(fileURLWithPath: root)) { $0.appendingPathComponent($1) }
    XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "missing test data \(url.path)")
    return url
}

/// Waits for what the core's observers hand to the main actor.
@MainActor
func waitUntil(
    _ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () -> Bool
) async {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        if Date() > deadline {
            return XCTFail("timed out waiting until \(what)", file: file, line: line)
        }
        try? await Task.sleep(nanoseconds: 20_000_000)
    }
}
