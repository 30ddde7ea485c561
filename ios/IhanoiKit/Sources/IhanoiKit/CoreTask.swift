import IhanoiCore

/// Runs one long core call (sync, pull, sign-in, photo attach, result photo, device check)
/// with a fresh `TaskHandle` that is cancelled when the calling Swift `Task` is. uniffi's
/// Swift futures keep waiting when their Task is cancelled, so this is what ties the two:
/// cancelling the Task cancels the handle and the core stops the work.
public func withCoreTask<T: Sendable>(_ body: @Sendable (TaskHandle) async throws -> T) async throws -> T {
    let handle = TaskHandle()
    return try await withTaskCancellationHandler {
        try await body(handle)
    } onCancel: {
        handle.cancel()
    }
}
