package vn.ihanoi.app.platform

import android.content.Context
import android.content.pm.ServiceInfo
import android.os.Build
import androidx.core.app.NotificationCompat
import androidx.work.Constraints
import androidx.work.CoroutineWorker
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.ForegroundInfo
import androidx.work.ListenableWorker
import androidx.work.NetworkType as WorkNetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.OutOfQuotaPolicy
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkRequest
import androidx.work.WorkerFactory
import androidx.work.WorkerParameters
import androidx.work.workDataOf
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import vn.ihanoi.app.R
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.core.SyncListener
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.model.SyncAndPullSummary
import vn.ihanoi.core.model.SyncEvent
import vn.ihanoi.core.model.SyncOptions

/**
 * When the outbox is sent and the city asked what changed, with WorkManager: at once (expedited)
 * when a report is queued or the network returns, at the time the core names for its next attempt,
 * and periodically to pull. Every request needs a network. Each runs [SyncWorker], which calls the
 * core's one entry point for background work, `sync_and_pull`.
 */
class OutboxScheduler(
    private val workManager: WorkManager,
    private val clock: () -> Long = System::currentTimeMillis,
) {
    /**
     * A report was queued or the network came back. Expedited where the quota allows. One send at a
     * time: a request already waiting keeps its place (it will send the new report too); one
     * running is followed by this one, never overlapped.
     */
    fun sendNow(): WorkRequest {
        val request =
            OneTimeWorkRequestBuilder<SyncWorker>()
                .setConstraints(NETWORK)
                .setExpedited(OutOfQuotaPolicy.RUN_AS_NON_EXPEDITED_WORK_REQUEST)
                .addTag(TAG)
                .build()
        workManager.enqueueUniqueWork(SEND, ExistingWorkPolicy.APPEND_OR_REPLACE, request)
        return request
    }

    /** The core's next attempt (a backoff, a server's Retry-After): the latest time named wins. */
    fun sendAt(atMs: Long): WorkRequest {
        val delay = (atMs - clock()).coerceAtLeast(0)
        val request =
            OneTimeWorkRequestBuilder<SyncWorker>()
                .setConstraints(NETWORK)
                .setInitialDelay(delay, TimeUnit.MILLISECONDS)
                .addTag(TAG)
                .build()
        workManager.enqueueUniqueWork(RETRY, ExistingWorkPolicy.REPLACE, request)
        return request
    }

    /** Asks the city what changed every [PULL_PERIOD_MINUTES] when nothing else wakes the app. */
    fun schedulePeriodicPull(): WorkRequest {
        val request =
            PeriodicWorkRequestBuilder<SyncWorker>(PULL_PERIOD_MINUTES, TimeUnit.MINUTES)
                .setConstraints(NETWORK)
                .addTag(TAG)
                .build()
        workManager.enqueueUniquePeriodicWork(PULL, ExistingPeriodicWorkPolicy.KEEP, request)
        return request
    }

    /** What a finished run asks for next. */
    fun after(summary: SyncAndPullSummary) {
        summary.nextRunAtMs?.let(::sendAt)
    }

    companion object {
        const val SEND = "ihanoi-send"
        const val RETRY = "ihanoi-retry"
        const val PULL = "ihanoi-pull"
        const val TAG = "ihanoi-sync"
        const val PULL_PERIOD_MINUTES = 60L

        val NETWORK: Constraints =
            Constraints.Builder().setRequiredNetworkType(WorkNetworkType.CONNECTED).build()
    }
}

/**
 * One background run: the core's `sync_and_pull` (send the outbox, then pull), the next run at the
 * core's time. Runs never overlap in this process ([lock]); the core refuses a second sync anyway
 * (`Busy`), which is retried later. Stopping the work cancels the core's call (the coroutine's
 * cancellation reaches the core; what was sent or stored stays).
 */
class SyncWorker(
    context: Context,
    params: WorkerParameters,
    private val core: IhanoiCore,
    private val options: () -> SyncOptions,
    private val scheduler: OutboxScheduler,
) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result =
        lock.withLock {
            try {
                val summary = core.syncAndPull(options(), Quiet, TaskHandle())
                scheduler.after(summary)
                Result.success(
                    workDataOf(
                        SENT to summary.sent.sent.toInt(),
                        NEXT_RUN_AT_MS to (summary.nextRunAtMs ?: -1L),
                    )
                )
            } catch (e: IhanoiException.Busy) {
                Result.retry()
            } catch (e: IhanoiException) {
                if (e.kind().retryable()) Result.retry() else Result.failure()
            }
        }

    /** Expedited work on Android 11 and older runs as a foreground service with this notice. */
    override suspend fun getForegroundInfo(): ForegroundInfo {
        CityNotifier.ensureChannels(applicationContext)
        val notification =
            NotificationCompat.Builder(applicationContext, CityNotifier.CHANNEL_SYNC)
                .setSmallIcon(R.drawable.ic_notification)
                .setContentTitle(applicationContext.getString(R.string.sync_running))
                .setOngoing(true)
                .build()
        return if (Build.VERSION.SDK_INT >= 29) {
            ForegroundInfo(
                FOREGROUND_ID,
                notification,
                ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC,
            )
        } else {
            ForegroundInfo(FOREGROUND_ID, notification)
        }
    }

    private object Quiet : SyncListener {
        // The screens follow the core's observers; the worker needs no progress.
        override fun onEvent(event: SyncEvent) {}
    }

    companion object {
        /** What a run did, in its output: reports sent, and the next run's time (-1: none). */
        const val SENT = "sent"
        const val NEXT_RUN_AT_MS = "next_run_at_ms"

        /** One run at a time in this process. */
        val lock = Mutex()
        private const val FOREGROUND_ID = 2
    }
}

/**
 * Makes [SyncWorker]s over the app's core (WorkManager is configured with it, not by reflection).
 */
class SyncWorkerFactory(
    private val core: () -> IhanoiCore,
    private val options: () -> SyncOptions,
    private val scheduler: () -> OutboxScheduler,
) : WorkerFactory() {
    override fun createWorker(
        appContext: Context,
        workerClassName: String,
        workerParameters: WorkerParameters,
    ): ListenableWorker? =
        if (workerClassName == SyncWorker::class.java.name) {
            SyncWorker(appContext, workerParameters, core(), options, scheduler())
        } else {
            null
        }
}
