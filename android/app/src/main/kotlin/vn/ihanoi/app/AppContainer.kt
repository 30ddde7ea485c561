package vn.ihanoi.app

import android.content.Context
import androidx.work.WorkManager
import vn.ihanoi.app.data.CoreDeviceCheckRepository
import vn.ihanoi.app.data.CoreInfoRepository
import vn.ihanoi.app.data.CoreReportDetailRepository
import vn.ihanoi.app.data.CoreReportsRepository
import vn.ihanoi.app.data.DeviceCheckRepository
import vn.ihanoi.app.data.InfoRepository
import vn.ihanoi.app.data.ReportDetailRepository
import vn.ihanoi.app.data.ReportsRepository
import vn.ihanoi.app.platform.AndroidDeviceFacts
import vn.ihanoi.app.platform.CityNotifier
import vn.ihanoi.app.platform.FrameworkLocation
import vn.ihanoi.app.platform.KeystoreSecretStore
import vn.ihanoi.app.platform.OutboxNudges
import vn.ihanoi.app.platform.OutboxScheduler
import vn.ihanoi.app.platform.PhotoInbox
import vn.ihanoi.app.platform.SyncWorkerFactory
import vn.ihanoi.app.platform.currentNetwork
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.model.SyncOptions

/**
 * The app's objects, made once (manual dependency injection, as Now in Android's `AppContainer`
 * samples): the core, opened on first use on the app's private storage, and what the state holders
 * read it through.
 */
class AppContainer(context: Context) {
    private val appContext = context.applicationContext

    /** Opening migrates the database: first touched from a background dispatcher. */
    val core: IhanoiCore by lazy {
        IhanoiCore.open(appContext.filesDir.absolutePath, KeystoreSecretStore(appContext))
    }

    val reports: ReportsRepository by lazy { CoreReportsRepository(core) }

    val reportDetails: ReportDetailRepository by lazy { CoreReportDetailRepository(core) }

    val info: InfoRepository by lazy { CoreInfoRepository(core) }

    val deviceCheck: DeviceCheckRepository by lazy {
        CoreDeviceCheckRepository(core, AndroidDeviceFacts(appContext)::collect)
    }

    // ---- platform adapters and background work ----

    val location: FrameworkLocation by lazy { FrameworkLocation(appContext) }

    val photoInbox: PhotoInbox by lazy { PhotoInbox(appContext) }

    /** The resident's "photos only on Wi-Fi" (the settings screen sets it). */
    @Volatile var photosOnlyOnWifi: Boolean = false

    fun syncOptions(): SyncOptions = SyncOptions(currentNetwork(appContext), photosOnlyOnWifi)

    val scheduler: OutboxScheduler by lazy { OutboxScheduler(WorkManager.getInstance(appContext)) }

    /** WorkManager makes its workers with this (IhanoiApplication's configuration). */
    val workerFactory = SyncWorkerFactory({ core }, ::syncOptions, { scheduler })

    /**
     * Once per process, off the main thread (it opens the core): notifications from the core's
     * observers, the outbox woken by a queued report or a returning network, the periodic pull.
     */
    fun startBackground(): AutoCloseable {
        val notifier = CityNotifier(appContext, core).start()
        val nudges = OutboxNudges(appContext, core, scheduler::sendNow).start()
        scheduler.schedulePeriodicPull()
        return AutoCloseable {
            nudges.close()
            notifier.close()
        }
    }
}
