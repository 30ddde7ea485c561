import BackgroundTasks
import Foundation
import IhanoiKit

/// BGTaskScheduler behind the models' `BackgroundScheduler`: a processing task (network
/// required) for the outbox and an app refresh for pulls; both run the core's one
/// sync-and-pull entry point through `AppModel.runInBackground()`.
final class SystemBackgroundScheduler: BackgroundScheduler, Sendable {
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

    /// Called once at launch, before the app finishes launching. The launch handler runs on a
    /// background queue, so it is written `@Sendable` (a closure formed here would otherwise be
    /// inferred main-actor and fail Swift 6's run-time isolation check), and the expiration
    /// handler too; the run itself hops to the main actor, where the model lives.
    static func register(_ app: @escaping @MainActor @Sendable () -> AppModel?) {
        for identifier in [sendIdentifier, pullIdentifier] {
            BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { @Sendable task in
                let finished = TaskCompletion(task)
                let work = Task { @MainActor in
                    let done = (try? await app()?.runInBackground()) != nil
                    finished.complete(success: done)
                }
                task.expirationHandler = { @Sendable in work.cancel() }
            }
        }
    }
}

/// A BGTask handed to the main actor to be completed there. BGTask is not marked Sendable;
/// `setTaskCompleted` may be called from any thread, and this wrapper only ever calls that.
private struct TaskCompletion: @unchecked Sendable {
    private let task: BGTask
    init(_ task: BGTask) { self.task = task }
    func complete(success: Bool) { task.setTaskCompleted(success: success) }
}
