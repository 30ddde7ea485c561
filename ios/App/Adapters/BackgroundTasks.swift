import BackgroundTasks
import Foundation
import IhanoiKit

/// BGTaskScheduler behind the models' `BackgroundScheduler`: a processing task (network
/// required) for the outbox and an app refresh for pulls; both run the core's one
/// sync-and-pull entry point through `AppModel.runInBackground()`.
final class SystemBackgroundScheduler: BackgroundScheduler, @unchecked Sendable {
    static let sendIdentifier = "vn.ihanoi.app.send"
    static let pullIdentifier = "vn.ihanoi.app.pull"

    func schedule(_ request: IhanoiKit.BackgroundRequest) {
        let task: BGTaskRequest
        switch request {
        case .send(let notBefore):
            let processing = BGProcessingTaskRequest(identifier: Self.sendIdentifier)
            processing.requiresNetworkConnectivity = true
            processing.earliestBeginDate = notBefore
            task = processing
        case .pull(let notBefore):
            let refresh = BGAppRefreshTaskRequest(identifier: Self.pullIdentifier)
            refresh.earliestBeginDate = notBefore
            task = refresh
        }
        try? BGTaskScheduler.shared.submit(task)
    }

    /// Called once at launch, before the app finishes launching.
    @MainActor
    static func register(_ app: @escaping @MainActor () -> AppModel?) {
        for identifier in [sendIdentifier, pullIdentifier] {
            BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { task in
                let work = Task { @MainActor in
                    let done = (try? await app()?.runInBackground()) != nil
                    task.setTaskCompleted(success: done)
                }
                task.expirationHandler = { work.cancel() }
            }
        }
    }
}
