package vn.ihanoi.app

import android.content.Context
import androidx.work.WorkManager
import vn.ihanoi.app.data.AccountRepository
import vn.ihanoi.app.data.CoreAccountRepository
import vn.ihanoi.app.data.CoreDeviceCheckRepository
import vn.ihanoi.app.data.CoreInfoRepository
import vn.ihanoi.app.data.CoreNewReportRepository
import vn.ihanoi.app.data.CoreReportDetailRepository
import vn.ihanoi.app.data.CoreReportsRepository
import vn.ihanoi.app.data.CoreSettingsRepository
import vn.ihanoi.app.data.DeviceCheckRepository
import vn.ihanoi.app.data.DeviceLocation
import vn.ihanoi.app.data.InfoRepository
import vn.ihanoi.app.data.NewReportRepository
import vn.ihanoi.app.data.PhotoInput
import vn.ihanoi.app.data.ReportDetailRepository
import vn.ihanoi.app.data.ReportsRepository
import vn.ihanoi.app.data.SettingsRepository
import vn.ihanoi.app.platform.ActivityResults
import vn.ihanoi.app.platform.AndroidDeviceFacts
import vn.ihanoi.app.platform.CityNotifier
import vn.ihanoi.app.platform.FrameworkLocation
import vn.ihanoi.app.platform.KeystoreSecretStore
import vn.ihanoi.app.platform.OutboxNudges
import vn.ihanoi.app.platform.OutboxScheduler
import vn.ihanoi.app.platform.PermissionPrompter
import vn.ihanoi.app.platform.PermittedLocation
import vn.ihanoi.app.platform.PhotoInbox
import vn.ihanoi.app.platform.PlatformPhotoInput
import vn.ihanoi.app.platform.SyncWorkerFactory
import vn.ihanoi.app.platform.currentNetwork
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.model.SyncOptions

/**
 * The app's objects, made once (manual dependency injection, as Now in Android's `AppContainer`
 * samples): the core, opened on first use on the app's private storage, and what the state holders
 * read it through.
 */
class AppContainer(
    context: Context,
    private val openCore: (Context) -> IhanoiCore = {
        IhanoiCore.open(it.filesDir.absolutePath, KeystoreSecretStore(it))
    },
) {
    private val appContext = context.applicationContext

    /** Opening migrates the database: first touched from a background dispatcher. */
    val core: IhanoiCore by lazy { openCore(appContext) }

    val reports: ReportsRepository by lazy { CoreReportsRepository(core) }

    val reportDetails: ReportDetailRepository by lazy { CoreReportDetailRepository(core) }

    /** The app's settings kept by the core (first run, language, photos). */
    val settings: SettingsRepository by lazy { CoreSettingsRepository({ core }) }

    val account: AccountRepository by lazy { CoreAccountRepository(core) }

    val info: InfoRepository by lazy { CoreInfoRepository(core) }

    /** The camera app, the photo picker and the permission prompt (MainActivity attaches them). */
    val activityResults = ActivityResults()

    /** Each permission asked in context, with its reason first (shown by the app's screens). */
    val permissions: PermissionPrompter by lazy {
        PermissionPrompter(appContext, { activityResults.requestPermissions(*it.toTypedArray()) })
    }

    /** Camera into the photo inbox, or the picker's photos copied there. */
    val photoInput: PhotoInput by lazy {
        PlatformPhotoInput(photoInbox, activityResults, permissions)
    }

    /** The framework's position, once the resident allowed it. */
    val deviceLocation: DeviceLocation by lazy { PermittedLocation(location, permissions) }

    /** For one new-report flow, over the adapters set now. */
    fun newReports(): NewReportRepository =
        CoreNewReportRepository(core, photoInput, deviceLocation)

    val deviceCheck: DeviceCheckRepository by lazy {
        CoreDeviceCheckRepository(core, AndroidDeviceFacts(appContext)::collect)
    }

    // ---- platform adapters and background work ----

    val location: FrameworkLocation by lazy { FrameworkLocation(appContext) }

    val photoInbox: PhotoInbox by lazy { PhotoInbox(appContext) }

    /** Called by the worker, off the main thread: the resident's "photos only on Wi-Fi" now. */
    fun syncOptions(): SyncOptions =
        SyncOptions(currentNetwork(appContext), core.preferences().photosOnlyOnWifi)

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
