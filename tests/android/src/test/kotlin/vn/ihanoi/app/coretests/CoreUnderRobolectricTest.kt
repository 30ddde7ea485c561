package vn.ihanoi.app.coretests

import android.Manifest
import android.app.Application
import android.content.Context
import androidx.compose.runtime.remember
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.test.core.app.ApplicationProvider
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.data.CoreDeviceCheckRepository
import vn.ihanoi.app.data.CoreInfoRepository
import vn.ihanoi.app.data.CoreReportDetailRepository
import vn.ihanoi.app.data.CoreReportsRepository
import vn.ihanoi.app.data.ReportStatus
import vn.ihanoi.app.data.Words
import vn.ihanoi.app.platform.AndroidDeviceFacts
import vn.ihanoi.app.platform.KeystoreSecretStore
import vn.ihanoi.app.ui.home.HomeRoute
import vn.ihanoi.app.ui.home.HomeViewModel
import vn.ihanoi.app.ui.theme.IhanoiTheme
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.PermissionState
import vn.ihanoi.core.model.ReportFilter

/**
 * The real core (the Linux build of libihanoi_ffi, through the generated bindings and JNA) inside
 * Robolectric's Android: opened on a real folder with the app's own Keystore-backed secret store (a
 * test key, since Robolectric has no Android Keystore), read by the app's data layer and shown by
 * the home screen through its state holder.
 */
@RunWith(CoreTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class CoreUnderRobolectricTest {
    @get:Rule val compose = createComposeRule()

    @get:Rule val dataDir = TemporaryFolder()

    private val context: Context = ApplicationProvider.getApplicationContext()
    private val testKey: SecretKey =
        KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    private lateinit var secrets: KeystoreSecretStore
    private lateinit var core: IhanoiCore

    @Before
    fun open() {
        secrets = KeystoreSecretStore(context) { testKey }
        core = IhanoiCore.open(dataDir.root.path, secrets)
    }

    @After fun close() = core.close()

    @Test
    fun `a draft made through the app's data layer is in the core and on the home screen`() {
        val reports = CoreReportsRepository(core)
        val id = runBlocking { reports.createDraft() }
        core.updateDraft(id, DraftField.Description("Đèn đường hỏng trước số 12 Hàng Bạc"))

        val mine = runBlocking { reports.home().first() }
        assertEquals(listOf(id), mine.reports.map { it.id })
        assertEquals(ReportStatus.DRAFT, mine.reports.single().state)
        // The chip's words are the core's, in both languages.
        assertEquals(Words("Bản nháp", "Draft"), mine.reports.single().stateLabel)
        assertEquals(1, mine.counts.drafts)
        assertNull("nothing waits to be sent", mine.outbox)

        compose.setContent {
            val home = remember { HomeViewModel(reports) }
            IhanoiTheme { HomeRoute(home, onOpenReport = {}) }
        }
        compose.waitUntil(5_000) {
            compose
                .onAllNodes(hasText("Đèn đường hỏng trước số 12 Hàng Bạc"))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }
        compose.onNodeWithText("Bản nháp").assertIsDisplayed()

        // An edit made elsewhere (the core's observer, no refresh) reaches the screen.
        core.updateDraft(id, DraftField.Description("Đèn đường đã hỏng ba ngày"))
        compose.waitUntil(5_000) {
            compose
                .onAllNodes(hasText("Đèn đường đã hỏng ba ngày"))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }
    }

    @Test
    fun `the about screen's licences are the core's, the ward data under MIT`() {
        val licences = runBlocking { CoreInfoRepository(core).licences() }
        val wards = licences.first { it.name.vi.startsWith("Ranh giới 126 phường") }
        assertEquals("MIT", wards.spdx)
        assertTrue(wards.text.contains("Permission is hereby granted"))
    }

    @Test
    fun `the report screen reads every readiness problem from the core`() {
        val id = core.createDraft().id
        val detail = runBlocking { CoreReportDetailRepository(core).detail(id).first() }

        assertEquals(Words("Bản nháp", "Draft"), detail.stateLabel)
        assertFalse(detail.canQueue)
        assertTrue(detail.canEdit)
        // A new draft lacks a category, a description, a photo and a location: all listed at once.
        assertTrue(detail.problems.size >= 3)
        assertTrue(detail.problems.all { it.vi.isNotBlank() && it.en.isNotBlank() })
    }

    @Test
    fun `the device check runs the core's checks on this phone's facts`() {
        shadowOf(context as Application).grantPermissions(Manifest.permission.CAMERA)
        val facts = AndroidDeviceFacts(context).collect()
        assertEquals(PermissionState.GRANTED, facts.cameraPermission)
        assertEquals(PermissionState.DENIED, facts.locationPermission)

        val result = runBlocking { CoreDeviceCheckRepository(core, { facts }).run() }
        // Location refused: the core says so, and the verdict is not "OK".
        assertFalse(result.passed)
        assertTrue(result.rows.any { it.status.en != "OK" && it.label.vi.isNotBlank() })
        assertTrue(result.rows.all { it.status.vi.isNotBlank() && it.status.en.isNotBlank() })
        assertTrue(result.verdict.en in setOf("Check this", "Must fix"))
    }

    @Test
    fun `the home screen's button creates a draft in the core`() {
        val reports = CoreReportsRepository(core)
        val opened = mutableListOf<String>()
        compose.setContent {
            val home = remember { HomeViewModel(reports) }
            IhanoiTheme { HomeRoute(home, onOpenReport = { opened += it }) }
        }
        compose.waitUntil(5_000) {
            compose.onAllNodes(hasText("Chưa có phản ánh nào")).fetchSemanticsNodes().isNotEmpty()
        }
        compose.onNodeWithText("Tạo phản ánh").performClick()
        // A condition that reads the screen: fetching semantics lets the main looper run, where
        // the view model resumes after the core's call (a plain flag would never change).
        compose.waitUntil(5_000) {
            compose.onAllNodes(hasText("(Chưa có mô tả)")).fetchSemanticsNodes().isNotEmpty()
        }

        assertEquals("", core.report(opened.single()).description)
        assertEquals(
            listOf(opened.single()),
            core.listReports(ReportFilter.DRAFTS, null, 10u).reports.map { it.id },
        )
    }

    @Test
    fun `the core reads secrets through the app's store, which keeps only ciphertext`() {
        // The core's key for the session token (core/src/secrets.rs).
        val tokenKey = "vn.ihanoi.access_token"
        assertFalse(core.hasAccessToken())
        secrets.set(tokenKey, "bí-mật-123")

        assertTrue(core.hasAccessToken())
        assertEquals("bí-mật-123", secrets.get(tokenKey))
        val stored = context.getSharedPreferences("ihanoi_secrets", Context.MODE_PRIVATE).all
        assertEquals(setOf(tokenKey), stored.keys)
        assertFalse(stored.values.single().toString().contains("bí-mật"))

        secrets.delete(tokenKey)
        assertNull(secrets.get(tokenKey))
        assertFalse(core.hasAccessToken())
    }
}
