package vn.ihanoi.tests.forms

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.defaultCompressOptions
import vn.ihanoi.core.model.AttributeType
import vn.ihanoi.core.model.CityConfig
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.core.model.NetworkType
import vn.ihanoi.core.model.Offer
import vn.ihanoi.core.model.PhotoSource
import vn.ihanoi.core.model.ProblemCode
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.core.model.ResidentContact
import vn.ihanoi.core.model.SyncOptions
import vn.ihanoi.tests.support.ReferenceCity
import vn.ihanoi.tests.support.SharedData
import vn.ihanoi.tests.sync.RecordingListener
import vn.ihanoi.tests.support.withCore

/**
 * A report with a required attribute, filed from Kotlin through the real library on a
 * plain GeoReport v2 server (no extension: no sign-in, no idempotency) whose flooding
 * service publishes a form: tests/kotlin/run.sh starts it with `--profile plain,city-forms`.
 */
class ServiceFormTest {
    @TempDir
    lateinit var dataDir: Path

    private val formsCity: String by lazy {
        requireNotNull(System.getProperty("ihanoi.formsCityUrl")?.ifBlank { null }) {
            "run the tests with tests/kotlin/run.sh (ihanoi.formsCityUrl is not set)"
        }
    }

    @Test
    fun `a flooding report answers the city's required question before it is queued and sent`() = withCore(dataDir) { core ->
        core.configureCity(CityConfig(formsCity, ReferenceCity.API_KEY, null))
        core.setResidentContact(ResidentContact("lan@example.vn", "Lan", null, null, null))
        TaskHandle().use { runBlocking { core.pull(it) } }
        assertEquals(Offer.NOT_OFFERED, core.serverProfile().signIn)

        val form = core.serviceAttributes("ngap_ung")
        val depth = form.single { it.required }
        assertEquals("do_sau_nuoc", depth.code)
        assertEquals(AttributeType.SINGLE_VALUE_LIST, depth.datatype)
        assertEquals(listOf("duoi_20cm", "20_50cm", "tren_50cm"), depth.values.map { it.key })
        assertTrue(form.any { !it.variable }, "information shown, not asked: $form")

        val photo = SharedData.file("photos", "nokia-lumia-gps.jpg")
        core.setPhotoInputDirs(listOf(photo.parent.toString()))
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Category("ngap_ung"))
        core.updateDraft(id, DraftField.Description("Ngập sâu sau mưa ở đầu ngõ 12"))
        TaskHandle().use { token ->
            runBlocking { core.attachPhoto(id, photo.toString(), PhotoSource.CAMERA, defaultCompressOptions(), token) }
        }
        core.setReportLocation(
            id,
            LocationFix(21.0287, 105.8524, 8.0, System.currentTimeMillis(), LocationSource.DEVICE_GPS, false),
        )

        val refused = assertThrows<IhanoiException.NotReady> { core.queueReport(id) }
        val missing = refused.problems.single()
        assertEquals(ProblemCode.ATTRIBUTE_MISSING, missing.code)
        assertEquals("do_sau_nuoc", missing.attributeCode)
        assertTrue("Độ sâu nước" in missing.message.vi, missing.message.vi)

        core.setDraftAttribute(id, "do_sau_nuoc", listOf("tren_50cm"))
        val answers = core.setDraftAttribute(id, "anh_huong", listOf("duong", "nha_dan"))
        assertEquals(listOf("anh_huong", "do_sau_nuoc"), answers.map { it.code })
        assertEquals(emptyList<Any>(), core.problems(id))
        assertEquals(ReportState.QUEUED, core.queueReport(id).state)

        val summary = TaskHandle().use { runBlocking { core.sync(SyncOptions(NetworkType.WIFI, false), RecordingListener(), it) } }
        assertEquals(1u, summary.sent, "$summary")
        assertEquals(ReportState.SUBMITTED, core.report(id).state)
        // The plain server refuses a flooding report without the depth: it has it.
        assertTrue(core.submission(id)!!.serviceRequestId.isNotBlank())
    }
}
