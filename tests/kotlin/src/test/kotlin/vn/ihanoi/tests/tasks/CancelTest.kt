package vn.ihanoi.tests.tasks

import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.core.SyncListener
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.defaultCompressOptions
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.core.model.NetworkType
import vn.ihanoi.core.model.PhotoSource
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.core.model.SyncEvent
import vn.ihanoi.core.model.SyncOptions
import vn.ihanoi.core.model.SyncSummary
import vn.ihanoi.tests.support.ReferenceCity
import vn.ihanoi.tests.support.SharedData
import vn.ihanoi.tests.support.withCore

/**
 * One rule for long work, seen from Kotlin: `TaskHandle.cancel()` from another coroutine,
 * or cancelling the coroutine that awaits, stops it and leaves the store consistent.
 */
class CancelTest {
    @TempDir
    lateinit var dataDir: Path

    private val wifi = SyncOptions(NetworkType.WIFI, false)

    /** Holds the sync at its start until the test has cancelled, so the cancel lands mid-run. */
    private class HoldAtStart : SyncListener {
        val started = CompletableDeferred<Unit>()
        val release = CountDownLatch(1)

        override fun onEvent(event: SyncEvent) {
            if (event is SyncEvent.Started) {
                started.complete(Unit)
                release.await(30, TimeUnit.SECONDS)
            }
        }
    }

    private fun signedInWithQueuedReport(core: IhanoiCore): String {
        core.configureCity(ReferenceCity.config)
        TaskHandle().use { task ->
            runBlocking {
                val sent = core.requestSignInCode("0912345678")
                core.signIn(sent.phone, ReferenceCity.signInCode(sent.phone), task)
            }
        }
        val photo = SharedData.file("photos", "iphone4s-gps-small.jpg")
        core.setPhotoInputDirs(listOf(photo.parent.toString()))
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Category("ve_sinh_moi_truong"))
        core.updateDraft(id, DraftField.Description("Đèn đường hỏng trước số 9, tối om"))
        TaskHandle().use { task ->
            runBlocking { core.attachPhoto(id, photo.toString(), PhotoSource.CAMERA, defaultCompressOptions(), task) }
        }
        core.setReportLocation(
            id,
            LocationFix(21.0287, 105.8524, 8.0, System.currentTimeMillis(), LocationSource.DEVICE_GPS, false),
        )
        core.queueReport(id)
        return id
    }

    /** A sync once the abandoned one has let go of the one-sync lock. */
    private fun syncWhenFree(core: IhanoiCore): SyncSummary {
        repeat(600) {
            try {
                return TaskHandle().use { runBlocking { core.sync(wifi, HoldAtStart().also { l -> l.release.countDown() }, it) } }
            } catch (busy: IhanoiException.Busy) {
                Thread.sleep(50)
            }
        }
        error("the cancelled sync never ended")
    }

    @Test
    fun `cancelling the handle from another coroutine stops a sync, the report stays queued`() =
        withCore(dataDir) { core ->
            val id = signedInWithQueuedReport(core)
            val listener = HoldAtStart()
            TaskHandle().use { task ->
                val summary = runBlocking(Dispatchers.Default) {
                    val sync = async { core.sync(wifi, listener, task) }
                    launch {
                        listener.started.await()
                        task.cancel()
                        listener.release.countDown()
                    }
                    sync.await()
                }
                assertTrue(summary.cancelled)
                assertEquals(0u, summary.sent)
            }
            assertEquals(ReportState.QUEUED, core.report(id).state)
            assertEquals(1u, syncWhenFree(core).sent)
        }

    @Test
    fun `cancelling the coroutine that awaits a sync stops it, the report stays queued`() =
        withCore(dataDir) { core ->
            val id = signedInWithQueuedReport(core)
            val listener = HoldAtStart()
            TaskHandle().use { task ->
                runBlocking(Dispatchers.Default) {
                    val sync = launch { core.sync(wifi, listener, task) }
                    listener.started.await()
                    sync.cancelAndJoin()
                    assertTrue(task.isCancelled(), "the dropped future cancelled the handle")
                    listener.release.countDown()
                }
            }
            val again = syncWhenFree(core)
            assertEquals(1u, again.sent, "the report was still queued, then sent once")
            assertEquals(ReportState.SUBMITTED, core.report(id).state)
        }

    @Test
    fun `cancelling the coroutine that awaits an attach leaves no photo`() = withCore(dataDir) { core ->
        val photo = SharedData.file("photos", "camera-24mp-sony.jpg")
        core.setPhotoInputDirs(listOf(photo.parent.toString()))
        val draft = core.createDraft()
        TaskHandle().use { task ->
            runBlocking(Dispatchers.Default) {
                val attach = launch {
                    core.attachPhoto(draft.id, photo.toString(), PhotoSource.CAMERA, defaultCompressOptions(), task)
                }
                delay(50)
                attach.cancelAndJoin()
            }
            assertTrue(task.isCancelled(), "the dropped future cancelled the handle")
        }
        assertTrue(core.photos(draft.id).isEmpty())
        // Nothing half-written is in the way of attaching the same photo again.
        val attached = TaskHandle().use { task ->
            runBlocking { core.attachPhoto(draft.id, photo.toString(), PhotoSource.CAMERA, defaultCompressOptions(), task) }
        }
        assertEquals(listOf(attached), core.photos(draft.id))
    }

    @Test
    fun `a pull and an areas import cancelled through their handles`() = withCore(dataDir) { core ->
        core.configureCity(ReferenceCity.config)
        TaskHandle().use { task ->
            runBlocking(Dispatchers.Default) {
                launch { task.cancel() }.join()
                assertTrue(core.pull(task).cancelled)
            }
        }
        val areas = SharedData.file("geo", "hanoi_wards_2025.geojson").toString()
        TaskHandle().use { task ->
            runBlocking(Dispatchers.Default) {
                launch { task.cancel() }.join()
                assertThrows<IhanoiException.Cancelled> { runBlocking { core.importAreasFile(areas, "2025-07-01", task) } }
            }
        }
        // Nothing was imported: the set in use is still the one the app ships.
        assertTrue(core.areaSetInfo()!!.builtIn)
    }
}
