import IhanoiCore
import os

/// The core's log lines into the unified log (they carry no personal data: the core's rule).
final class OSLogSink: LogSink, Sendable {
    private let logger = Logger(subsystem: "vn.ihanoi.app", category: "core")

    func log(level: LogLevel, target: String, message: String) {
        switch level {
        case .error: logger.error("\(target, privacy: .public): \(message, privacy: .public)")
        case .warn: logger.warning("\(target, privacy: .public): \(message, privacy: .public)")
        case .info: logger.info("\(target, privacy: .public): \(message, privacy: .public)")
        case .debug, .trace: logger.debug("\(target, privacy: .public): \(message, privacy: .public)")
        }
    }
}
