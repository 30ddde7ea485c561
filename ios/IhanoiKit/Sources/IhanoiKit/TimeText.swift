import Foundation

/// Times as the screens write them: Hanoi's clock (UTC+7, no daylight saving), day first in
/// both languages, so a time reads the same wherever the phone thinks it is.
enum TimeText {
    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "HH:mm dd/MM/yyyy"
        return formatter
    }()

    static func of(milliseconds: Int64) -> String {
        formatter.string(from: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
    }
}

/// Milliseconds since 1970, as the core counts time.
func nowMilliseconds() -> Int64 {
    Int64(Date().timeIntervalSince1970 * 1000)
}
