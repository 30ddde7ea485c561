package vn.ihanoi.tests.nearby

import java.io.File
import java.net.ServerSocket
import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.defaultCompressOptions
import vn.ihanoi.core.model.CityConfig
import vn.ihanoi.core.model.DetailedStatus
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.core.model.NearbySource
import vn.ihanoi.core.model.NetworkType
import vn.ihanoi.core.model.PhotoSource
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.core.model.SyncOptions
import vn.ihanoi.core.model.WarningCode
import vn.ihanoi.tests.support.ReferenceCity
import vn.ihanoi.tests.support.SharedData
import vn.ihanoi.tests.support.openCore
import vn.ihanoi.tests.support.withCore
import vn.ihanoi.tests.sync.RecordingListener

/**
 * Others' reports nearby through the real library: one phone sends a report to the plain
 * GeoReport v2 server tests/kotlin/run.sh starts (`plain,city-forms`, no sign-in), a second
 * phone's draft 22 m away gets it from `nearbyCityReports` with its thumbnail as a file,
 * the review's warning, and the kept answer offline.
 */
class NearbyTest {
    @TempDir
    lateinit var first: Path

    @TempDir
    lateinit var second: Path

    private val city: String by lazy {
        requireNotNull(System.getProperty("ihanoi.formsCityUrl")?.ifBlank { null }) {
            "run the tests with tests/kotlin/run.sh (ihanoi.formsCityUrl is not set)"
        }
    }

    // A place no other test files at (Văn Miếu), so the answer is exactly this test's.
    private val sent = Pair(21.0282, 105.8355)
    private val draftAt = Pair(21.0284, 105.8355)

    private fun draft(core: IhanoiCore, at: Pair<Double, Double>): String {
        val photo = SharedData.file("photos", "nokia-lumia-gps.jpg")
        core.setPhotoInputDirs(listOf(photo.parent.toString()))
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Category("ve_sinh_moi_truong"))
        core.updateDraft(id, DraftField.Description("Rác thải đổ trộm trước cổng Văn Miếu"))
        TaskHandle().use { token ->
            runBlocking { core.attachPhoto(id, photo.toString(), PhotoSource.CAMERA, defaultCompressOptions(), token) }
        }
        core.setReportLocation(
            id,
            LocationFix(at.first, at.second, 6.0, System.currentTimeMillis(), LocationSource.DEVICE_GPS, false),
        )
        return id
    }

    @Test
    fun `a draft sees another phone's open report 22 m away, then the kept answer offline`() {
        val cityId = openCore(first).use { core ->
            core.configureCity(CityConfig(city, ReferenceCity.API_KEY, null))
            val id = draft(core, sent)
            assertEquals(ReportState.QUEUED, core.queueReport(id).state)
            val summary = TaskHandle().use {
                runBlocking { core.sync(SyncOptions(NetworkType.WIFI, false), RecordingListener(), it) }
            }
            assertEquals(1u, summary.sent, "$summary")
            core.submission(id)!!.serviceRequestId
        }

        withCore(second) { core ->
            core.configureCity(CityConfig(city, ReferenceCity.API_KEY, null))
            val id = draft(core, draftAt)
            assertNull(core.cachedNearbyCityReports(id))

            val answer = TaskHandle().use { runBlocking { core.nearbyCityReports(id, it) } }
            assertEquals(NearbySource.LIVE, answer.source)
            assertEquals(1u, answer.total)
            val report = answer.reports.single()
            assertEquals(cityId, report.serviceRequestId)
            assertEquals(22u, report.distanceM)
            assertEquals(DetailedStatus.PENDING, report.detailedStatus)
            assertEquals("Chờ tiếp nhận", report.statusLabel.vi)
            assertEquals("Rác thải đổ trộm trước cổng Văn Miếu", report.excerpt)
            val thumbnail = File(report.photos.single().thumbnailPath!!)
            assertTrue(thumbnail.isFile && thumbnail.length() > 0, "$thumbnail")
            assertTrue(answer.heading.vi.startsWith("Thành phố đã có 1 phản ánh"), answer.heading.vi)

            val details = core.reportDetails(id)
            assertTrue(details.warnings.any { it.code == WarningCode.SIMILAR_REPORTS_NEARBY }, "${details.warnings}")
            assertTrue(details.actions.canQueue, "never a blocker")

            // The city out of reach: the same answer, marked as saved.
            val dead = ServerSocket(0).use { "http://127.0.0.1:${it.localPort}" }
            core.configureCity(CityConfig(dead, ReferenceCity.API_KEY, null))
            val offline = TaskHandle().use { runBlocking { core.nearbyCityReports(id, it) } }
            assertEquals(NearbySource.CACHED, offline.source)
            assertEquals(cityId, offline.reports.single().serviceRequestId)
            assertTrue("đã lưu" in offline.freshness!!.vi, "${offline.freshness}")
            assertEquals(NearbySource.CACHED, core.cachedNearbyCityReports(id)!!.source)
        }
    }
}
