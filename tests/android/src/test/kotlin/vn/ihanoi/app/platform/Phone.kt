package vn.ihanoi.app.platform

import android.content.Context
import android.net.Uri
import android.os.Looper
import android.util.Log
import androidx.test.core.app.ApplicationProvider
import androidx.work.Configuration
import androidx.work.WorkInfo
import androidx.work.WorkManager
import androidx.work.testing.SynchronousExecutor
import androidx.work.testing.TestDriver
import androidx.work.testing.WorkManagerTestInitHelper
import java.io.File
import java.util.UUID
import javax.crypto.KeyGenerator
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.robolectric.Shadows.shadowOf
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.defaultCompressOptions
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.NetworkType
import vn.ihanoi.core.model.PhotoSource
import vn.ihanoi.core.model.SessionState
import vn.ihanoi.core.model.SyncOptions
import vn.ihanoi.tests.support.ReferenceCity

/**
 * A phone for the adapters' tests: the real core (Linux build, JNA) on a temporary folder with the
 * app's Keystore-backed secret store (a test key: Robolectric has no Android Keystore), WorkManager
 * in its test mode making the app's own [SyncWorker]s, and the reference city over loopback.
 */
class Phone(dataDir: File, private val clock: () -> Long = System::currentTimeMillis) :
    AutoCloseable {
    val context: Context = ApplicationProvider.getApplicationContext()
    private val key = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    val secrets = KeystoreSecretStore(context) { key }
    val core: IhanoiCore = IhanoiCore.open(dataDir.path, secrets)
    var network: NetworkType = NetworkType.WIFI
    val workManager: WorkManager
    val scheduler: OutboxScheduler

    init {
        val factory = SyncWorkerFactory({ core }, { SyncOptions(network, false) }, { scheduler })
        WorkManagerTestInitHelper.initializeTestWorkManager(
            context,
            Configuration.Builder()
                .setWorkerFactory(factory)
                .setExecutor(SynchronousExecutor())
                .setMinimumLoggingLevel(Log.WARN)
                .build(),
        )
        workManager = WorkManager.getInstance(context)
        scheduler = OutboxScheduler(workManager, clock)
    }

    val driver: TestDriver
        get() = requireNotNull(WorkManagerTestInitHelper.getTestDriver(context))

    fun useReferenceCity() = core.configureCity(ReferenceCity.config)

    fun signIn(phone: String = "0987654321") = runBlocking {
        val sent = core.requestSignInCode(phone)
        val state =
            TaskHandle().use { core.signIn(sent.phone, ReferenceCity.signInCode(sent.phone), it) }
        assertEquals(SessionState.SIGNED_IN, state)
    }

    /**
     * A draft ready to queue: the photo copied in through the picker's adapter from a `content://`
     * address, the position from the framework's LocationManager adapter.
     */
    fun readyDraft(photo: File, fix: LocationFix): String {
        val inbox = PhotoInbox(context)
        val uri = Uri.parse("content://media.picker.test/photo/${UUID.randomUUID()}")
        shadowOf(context.contentResolver).registerInputStream(uri, photo.inputStream())
        val copied = inbox.copyIn(uri)
        core.setPhotoInputDirs(listOf(inbox.folder.path))
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Category("ve_sinh_moi_truong"))
        core.updateDraft(id, DraftField.Description("Rác thải đổ trộm ở đầu ngõ 5, bốc mùi"))
        TaskHandle().use {
            runBlocking {
                core.attachPhoto(id, copied.path, PhotoSource.GALLERY, defaultCompressOptions(), it)
            }
        }
        inbox.discard(copied.path)
        core.setReportLocation(id, fix)
        return id
    }

    fun info(id: UUID): WorkInfo = requireNotNull(workManager.getWorkInfoById(id).get())

    fun unique(name: String): List<WorkInfo> = workManager.getWorkInfosForUniqueWork(name).get()

    /**
     * Waits for a run to finish (the worker is a coroutine on WorkManager's dispatcher; the main
     * looper is idled for what WorkManager posts there). Fails after a minute without an end.
     */
    fun awaitFinished(id: UUID): WorkInfo {
        repeat(3_000) {
            shadowOf(Looper.getMainLooper()).idle()
            val info = info(id)
            if (info.state.isFinished) return info
            Thread.sleep(20)
        }
        error("work $id did not finish: ${info(id)}")
    }

    override fun close() {
        WorkManagerTestInitHelper.closeWorkDatabase()
        core.close()
    }
}
