package vn.ihanoi.tests.sync

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.Collections
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.CountsListener
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.ReportsListener
import vn.ihanoi.core.SyncActivityListener
import vn.ihanoi.core.SyncListener
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.defaultCompressOptions
import vn.ihanoi.core.model.BadgeCounts
import vn.ihanoi.core.model.DetailedStatus
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.core.model.NetworkType
import vn.ihanoi.core.model.PhotoSource
import vn.ihanoi.core.model.ReportChangeKind
import vn.ihanoi.core.model.ReportListUpdate
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.core.model.SessionState
import vn.ihanoi.core.model.SyncActivity
import vn.ihanoi.core.model.SyncEvent
import vn.ihanoi.core.model.SyncOptions
import vn.ihanoi.core.model.UnreadCounts
import vn.ihanoi.core.model.UpdateKind
import vn.ihanoi.tests.support.LogCapture
import vn.ihanoi.tests.support.RecordingSecretStore
import vn.ihanoi.tests.support.ReferenceCity
import vn.ihanoi.tests.support.SharedData
import vn.ihanoi.tests.support.withCore

/** Observers as a screen registers them: they only record what the core says. */
class RecordingObservers : ReportsListener, CountsListener, SyncActivityListener {
    val reports: MutableList<ReportListUpdate> = Collections.synchronizedList(mutableListOf())
    val counts: MutableList<BadgeCounts> = Collections.synchronizedList(mutableListOf())
    val activity: MutableList<SyncActivity> = Collections.synchronizedList(mutableListOf())

    override fun onReportsChanged(update: ReportListUpdate) {
        reports += update
    }

    override fun onCountsChanged(counts: BadgeCounts) {
        this.counts += counts
    }

    override fun onSyncActivity(activity: SyncActivity) {
        this.activity += activity
    }
}

/** A listener as a shell writes one: it only records, the core decides. */
class RecordingListener : SyncListener {
    private val recorded = Collections.synchronizedList(mutableListOf<SyncEvent>())
    val events: List<SyncEvent>
        get() = synchronized(recorded) { recorded.toList() }

    override fun onEvent(event: SyncEvent) {
        recorded += event
    }
}

/**
 * The whole resident flow from Kotlin against the reference city server over loopback
 * HTTP: sign in, draft, photo, location, queue, sync with a Kotlin listener, the ward
 * replies, pull, timeline.
 */
class FullFlowTest {
    @TempDir
    lateinit var dataDir: Path

    private val phone = "0912345678"

    private fun signIn(core: IhanoiCore) = runBlocking {
        val sent = core.requestSignInCode(phone)
        assertEquals(SessionState.SIGNED_IN, TaskHandle().use { core.signIn(sent.phone, ReferenceCity.signInCode(sent.phone), it) })
    }

    private fun queuedReport(core: IhanoiCore): String {
        val photo = SharedData.file("photos", "iphone4s-gps-small.jpg")
        core.setPhotoInputDirs(listOf(photo.parent.toString()))
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Category("ve_sinh_moi_truong"))
        core.updateDraft(id, DraftField.Description("Rác thải đổ trộm ở đầu ngõ 5, bốc mùi"))
        TaskHandle().use { token ->
            runBlocking { core.attachPhoto(id, photo.toString(), PhotoSource.CAMERA, defaultCompressOptions(), token) }
        }
        core.setReportLocation(
            id,
            LocationFix(21.0287, 105.8524, 8.0, System.currentTimeMillis(), LocationSource.DEVICE_GPS, false),
        )
        assertEquals(ReportState.QUEUED, core.queueReport(id).state)
        return id
    }

    @Test
    fun `sign in, report, sync with a Kotlin listener, the ward replies, pull the timeline`() {
        val secrets = RecordingSecretStore()
        withCore(dataDir, secrets) { core ->
            LogCapture.install()
            core.configureCity(ReferenceCity.config)
            assertEquals(SessionState.SIGNED_OUT, core.sessionState())
            val observers = RecordingObservers()
            val handles = listOf(
                core.observeReports(observers),
                core.observeCounts(observers),
                core.observeSyncActivity(observers),
            )
            // Each is told the current value first: no reports, nothing to count, idle.
            assertEquals(listOf(ReportListUpdate(true, emptyList())), observers.reports.toList())
            assertEquals(listOf(BadgeCounts(0u, 0u, 0u, 0u, 0u)), observers.counts.toList())
            assertEquals(listOf<SyncActivity>(SyncActivity.Idle), observers.activity.toList())
            // A draft can be written before signing in; it is sent after.
            val id = queuedReport(core)
            signIn(core)
            assertTrue(secrets.calls.any { it is RecordingSecretStore.Call.Set }, "tokens went to the Kotlin store")

            val listener = RecordingListener()
            val summary = TaskHandle().use { cancel ->
                runBlocking { core.sync(SyncOptions(NetworkType.WIFI, false), listener, cancel) }
            }
            assertEquals(1u, summary.sent)
            assertEquals(0u, summary.failed + summary.waiting + summary.needsAttention)
            assertEquals(ReportState.SUBMITTED, core.report(id).state)

            // The listener saw the start, the upload's progress up to the photo bytes, the
            // report's state change and the end, in that order.
            val events = listener.events
            assertTrue(events.first() is SyncEvent.Started, "first event: ${events.first()}")
            val photoBytes = core.photos(id).sumOf { Files.size(Paths.get(it.path)) }.toULong()
            val progress = events.filterIsInstance<SyncEvent.Progress>()
            assertTrue(progress.isNotEmpty())
            assertEquals(photoBytes, progress.last().bytesSent)
            assertEquals(photoBytes, progress.last().bytesTotal)
            assertTrue(events.any { it is SyncEvent.ReportChanged && it.reportId == id && it.state == ReportState.SUBMITTED })
            assertTrue(events.last() is SyncEvent.Finished)

            // The screens' observers saw the report created, edited, queued, sending, sent,
            // the badge move and the sync's activity, without polling.
            val kinds = observers.reports.drop(1).flatMap { it.changes }.filter { it.reportId == id }.map { it.kind }
            assertEquals(ReportChangeKind.CREATED, kinds.first())
            assertTrue(kinds.contains(ReportChangeKind.EDITED))
            assertEquals(ReportState.SUBMITTED, observers.reports.last().changes.last().state)
            assertTrue(observers.counts.any { it.waitingToSend == 1u })
            assertEquals(0u, observers.counts.last().waitingToSend)
            assertTrue(observers.activity.any { it is SyncActivity.Sending && it.reportNumber == 1u && it.reportCount == 1u })
            assertEquals(SyncActivity.Idle, observers.activity.last())

            // The city holds it, routed to Hoàn Kiếm ward.
            val submission = requireNotNull(core.submission(id)) { "sent reports have a submission" }
            assertEquals("00070", submission.agencyResponsible)
            assertTrue(ReferenceCity.request(submission.serviceRequestId).contains("\"agency_responsible\":\"00070\""))

            // The ward accepts and resolves it with a photo of the result; the city warns of a storm.
            ReferenceCity.act(submission.serviceRequestId, "accept", "Đã tiếp nhận")
            val result = SharedData.file("photos", "nokia-lumia-gps.jpg")
            ReferenceCity.actWithPhotos(
                submission.serviceRequestId, "resolve", "Đã thu gom rác. — Rubbish collected.", listOf(result),
            )
            ReferenceCity.publishAlert("Bão số 3 đổ bộ", "Typhoon No. 3 makes landfall")
            ReferenceCity.publishAlert("Đã hết hạn", "Expired", expires = "2020-01-01T00:00:00+07:00")

            // Pull: the resident's timeline, the alert, the categories, with unread counts.
            val pulled = TaskHandle().use { cancel -> runBlocking { core.pull(cancel) } }
            assertEquals(2u, pulled.newUpdates)
            assertEquals(listOf(id), pulled.updatedReportIds)
            assertEquals(1u, pulled.thumbnailsCached)
            assertTrue(core.categories().any { it.code == "ve_sinh_moi_truong" && it.name.vi.isNotBlank() })

            val timeline = core.timeline(id)
            assertEquals(listOf(UpdateKind.ACCEPTED, UpdateKind.RESOLVED), timeline.map { it.kind })
            assertTrue(timeline.all { it.unread && it.unitCode == "00070" && it.label.vi.isNotBlank() })
            val reply = timeline.last()
            assertEquals(DetailedStatus.RESOLVED, reply.detailedStatus)
            assertEquals("Đã thu gom rác. — Rubbish collected.", reply.text)
            val thumbnail = Paths.get(requireNotNull(reply.photos.single().thumbnailPath))
            assertTrue(Files.size(thumbnail) in 1..Files.size(result) - 1, "a thumbnail is smaller than the photo")
            // The full result photo comes on demand, byte for byte what the ward uploaded.
            val full = Paths.get(TaskHandle().use { runBlocking { core.resultPhoto(reply.updateId, 0u, it) } })
            assertArrayEquals(Files.readAllBytes(result), Files.readAllBytes(full))

            val status = requireNotNull(core.reportStatus(id))
            assertEquals(DetailedStatus.RESOLVED, status.detailedStatus)
            assertTrue(status.closed)
            assertEquals(2u, status.unread)

            val alerts = core.alerts()
            assertEquals(listOf("Bão số 3 đổ bộ"), alerts.map { it.title.vi }, "expired alerts are hidden")
            assertEquals(UnreadCounts(2u, 1u, 1u), core.unreadCounts())

            // Opening the report and the alert clears the badges.
            assertEquals(2u, core.markReportRead(id))
            assertTrue(core.markAlertRead(alerts.single().alertId))
            assertEquals(UnreadCounts(0u, 0u, 0u), core.unreadCounts())

            // A second pull finds nothing new and keeps the timeline as it is.
            val again = TaskHandle().use { cancel -> runBlocking { core.pull(cancel) } }
            assertEquals(0u, again.newUpdates)
            assertEquals(0u, again.newAlerts)
            assertEquals(timeline.map { it.updateId }, core.timeline(id).map { it.updateId })

            // The pull's news reached the badge observer, and reading cleared it.
            assertTrue(observers.counts.any { it.unreadUpdates == 2u && it.unreadAlerts == 1u })
            assertEquals(BadgeCounts(0u, 0u, 0u, 0u, 0u), observers.counts.last())
            val before = observers.counts.size
            handles.forEach { it.cancel() }
            core.createDraft()
            assertEquals(before, observers.counts.size, "nothing after the handle is cancelled")
            handles.forEach { it.close() }

            // The core's log lines reached the Kotlin sink, none with the phone number,
            // the description or a position finer than 3 decimals.
            val lines = LogCapture.lines
            assertTrue(lines.any { it.message.contains("sync finished") }, "lines: $lines")
            for (line in lines) {
                assertTrue(line.target.startsWith("ihanoi"), line.toString())
                assertTrue(!line.message.contains(phone.drop(1)), line.toString())
                assertTrue(!line.message.contains("Rác thải"), line.toString())
                assertTrue(!Regex("\\b(21|105)\\.\\d{4,}").containsMatchIn(line.message), line.toString())
            }
        }
    }
}
