// The reference city server (tests/city-api) as its officials use it, over plain HTTP: the
// one-time sign-in code it "texted", a ward's actions on a report (with result photos), alerts.
// Shared by the Swift binding tests (tests/swift/run.sh compiles this file with them) and the
// IhanoiKit tests. The scripts start the server and pass its URL as IHANOI_CITY_URL.
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import IhanoiCore
import XCTest

/// The reference city, played through its officials' endpoints with plain HTTP.
public struct ReferenceCity {
    public static let apiKey = "test-app-key"
    private static let officialKey = "test-official-key"
    public let url: String

    public init(url: String) {
        self.url = url
    }

    public static func fromEnvironment() throws -> ReferenceCity {
        guard let url = ProcessInfo.processInfo.environment["IHANOI_CITY_URL"], !url.isEmpty else {
            XCTFail("IHANOI_CITY_URL is not set: run the tests with tests/swift/run.sh")
            throw CityError.unexpected("no city server")
        }
        return ReferenceCity(url: url)
    }

    public var config: CityConfig {
        CityConfig(baseUrl: url, apiKey: Self.apiKey, extraRootsPem: nil)
    }

    public func signInCode(phone: String) throws -> String {
        let answer = try send("GET", "/officials/sign-in-codes/\(phone)")
        let json = try JSONSerialization.jsonObject(with: answer) as? [String: Any]
        guard let code = json?["code"] as? String else {
            throw CityError.unexpected(String(decoding: answer, as: UTF8.self))
        }
        return code
    }

    public func act(_ serviceRequestId: String, _ action: String, description: String, photos: [URL] = []) throws {
        let boundary = "ihanoi-\(UUID().uuidString)"
        var body = Data()
        func part(_ headers: String, _ content: Data) {
            body.append(Data("--\(boundary)\r\n\(headers)\r\n\r\n".utf8))
            body.append(content)
            body.append(Data("\r\n".utf8))
        }
        part("Content-Disposition: form-data; name=\"description\"", Data(description.utf8))
        for photo in photos {
            part(
                "Content-Disposition: form-data; name=\"media[]\"; filename=\"\(photo.lastPathComponent)\"\r\nContent-Type: image/jpeg",
                try Data(contentsOf: photo))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        _ = try send(
            "POST", "/officials/requests/\(serviceRequestId)/\(action)", body: body,
            contentType: "multipart/form-data; boundary=\(boundary)")
    }

    public func publishAlert(titleVi: String, titleEn: String, expires: String? = nil) throws {
        var fields = [
            "severity=danger", "title_vi=\(titleVi)", "title_en=\(titleEn)",
            "body_vi=\(titleVi) — chi tiết", "body_en=\(titleEn) — details",
        ]
        if let expires { fields.append("expires_datetime=\(expires)") }
        let form = fields.map { field -> String in
            let (key, value) = (field.prefix { $0 != "=" }, field.drop { $0 != "=" }.dropFirst())
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        _ = try send(
            "POST", "/officials/alerts", body: Data(form.utf8), contentType: "application/x-www-form-urlencoded")
    }

    public enum CityError: Error {
        case unexpected(String)
    }

    /// One request, synchronously (XCTest on Linux runs test bodies off the main actor).
    private func send(_ method: String, _ path: String, body: Data? = nil, contentType: String? = nil) throws -> Data {
        var request = URLRequest(url: URL(string: url + path)!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 30
        request.setValue(Self.officialKey, forHTTPHeaderField: "X-Official-Key")
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            answer.set(data, (response as? HTTPURLResponse)?.statusCode, error)
            done.signal()
        }.resume()
        done.wait()
        let (data, status, error) = answer.get()
        if let error { throw error }
        guard let status, (200..<300).contains(status) else {
            throw CityError.unexpected(
                "\(method) \(path): \(status ?? 0) \(String(decoding: data ?? Data(), as: UTF8.self))")
        }
        return data ?? Data()
    }
}

/// The answer handed from URLSession's queue to the waiting test thread.
private final class Answer: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, Int?, Error?) = (nil, nil, nil)
    func set(_ data: Data?, _ status: Int?, _ error: Error?) { lock.withLock { value = (data, status, error) } }
    func get() -> (Data?, Int?, Error?) { lock.withLock { value } }
}
