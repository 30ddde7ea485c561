package vn.ihanoi.app

import android.content.Context
import vn.ihanoi.app.data.CoreDeviceCheckRepository
import vn.ihanoi.app.data.CoreInfoRepository
import vn.ihanoi.app.data.CoreReportDetailRepository
import vn.ihanoi.app.data.CoreReportsRepository
import vn.ihanoi.app.data.DeviceCheckRepository
import vn.ihanoi.app.data.InfoRepository
import vn.ihanoi.app.data.ReportDetailRepository
import vn.ihanoi.app.data.ReportsRepository
import vn.ihanoi.app.platform.AndroidDeviceFacts
import vn.ihanoi.app.platform.KeystoreSecretStore
import vn.ihanoi.core.IhanoiCore

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
}
