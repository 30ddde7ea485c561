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
        let identifier: String
        switch notification.kind {
        case .reply(let reportId):
            identifier = "report-\(reportId)"
            content.userInfo = ["reportId": reportId]
        case .alert(let alertId):
            identifier = "alert-\(alertId)"
            content.userInfo = ["alertId": alertId]
        }
        let request = UNNotificationRequest(identifier: identifier, content: content, trigger: nil)
        try? await UNUserNotificationCenter.current().add(request)
    }
}
