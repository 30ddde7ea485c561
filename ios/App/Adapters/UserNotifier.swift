import IhanoiKit
import UserNotifications

/// UNUserNotificationCenter behind the models' `Notifier`: one notification per report the city
/// answered and per new alert, identified so a newer one replaces the older. Asking for the
/// permission is `SystemPermissions`' job (in context, after the first queued report).
final class UserNotifier: Notifier, Sendable {
    func post(_ notification: AppNotification) async {
        let content = UNMutableNotificationContent()
        content.title = notification.title
        content.body = notification.body
        // What a tap hands back to AppModel.openNotification(userInfo:).
        content.userInfo = notification.userInfo
        let identifier: String
        switch notification.kind {
        case .reply(let reportId): identifier = "report-\(reportId)"
        case .alert(let alertId): identifier = "alert-\(alertId)"
        }
        let request = UNNotificationRequest(identifier: identifier, content: content, trigger: nil)
        try? await UNUserNotificationCenter.current().add(request)
    }
}

/// The notification centre's delegate: a tap is forwarded as it is to the model's router
/// (`AppModel.openNotification(userInfo:)` decides what opens); notifications arriving while the
/// app is on screen are shown as banners. Installed in `IhanoiApp.init`, before launch ends, so
/// that the tap which launched the app is delivered too.
final class NotificationTaps: NSObject, UNUserNotificationCenterDelegate, Sendable {
    static let shared = NotificationTaps()

    func userNotificationCenter(
        _ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse
    ) async {
        // Only the string entries cross to the main actor (userInfo itself is not Sendable).
        var entries: [String: String] = [:]
        for (key, value) in response.notification.request.content.userInfo {
            if let key = key as? String, let value = value as? String { entries[key] = value }
        }
        await AppLaunch.shared.openNotification(userInfo: entries)
    }

    func userNotificationCenter(
        _ center: UNUserNotificationCenter, willPresent notification: UNNotification
    ) async -> UNNotificationPresentationOptions {
        [.banner, .list, .sound]
    }
}
