package vn.ihanoi.app.coretests

import android.content.Context
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.assertIsSelected
import androidx.compose.ui.test.hasContentDescription
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextReplacement
import androidx.lifecycle.ViewModelProvider
import androidx.lifecycle.ViewModelStore
import androidx.lifecycle.viewmodel.CreationExtras
import androidx.test.core.app.ApplicationProvider
import java.io.File
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import kotlin.reflect.KClass
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.data.CoreNewReportRepository
import vn.ihanoi.app.data.DeviceLocation
import vn.ihanoi.app.data.PhotoInput
import vn.ihanoi.app.data.PhotoOrigin
import vn.ihanoi.app.platform.KeystoreSecretStore
import vn.ihanoi.app.ui.newreport.NewReportRoute
import vn.ihanoi.app.ui.newreport.NewReportStep
import vn.ihanoi.app.ui.newreport.NewReportViewModel
import vn.ihanoi.app.ui.theme.IhanoiTheme
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.core.model.Urgency

/**
 * The new-report flow end to end in the UI over the real core: a real photo (picked through the
 * photo adapter's interface, copied from the shared test photos), the position the core offers from
 * its GPS and the ward it finds, a diacritics-free category search, the details; everything is in
 * the core as it is typed, so a fresh core and state holder over the same folder (the app killed
 * and reopened) show every field. Then every readiness problem at once, and the queue.
 */
@RunWith(CoreTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class NewReportFlowTest {
    @get:Rule val compose = createComposeRule()

    @get:Rule val dataDir = TemporaryFolder()

    private val context: Context = ApplicationProvider.getApplicationContext()
    private val testKey: SecretKey =
        KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    private val opened = mutableListOf<IhanoiCore>()

    private fun openCore(): IhanoiCore =
        IhanoiCore.open(dataDir.root.path, KeystoreSecretStore(context) { testKey }).also {
            opened += it
        }

    @After fun close() = opened.forEach { it.close() }

    /** The photo picker as the platform adapter does it: a copy in the core's input folder. */
    private val picker by lazy {
        object : PhotoInput {
            override val folder: String = dataDir.newFolder("picked").path

            override suspend fun take(origin: PhotoOrigin): List<String> {
                val copy = File(folder, "picked-1.jpg")
                sharedPhoto("phone-12mp-rot6-hanoi.jpg").copyTo(copy, overwrite = true)
                return listOf(copy.path)
            }
        }
    }

    /** No fix from the phone: the core offers the photo's GPS instead. */
    private val noFix = DeviceLocation { null }

    private val store = ViewModelStore()

    private fun model(core: IhanoiCore, id: String, step: NewReportStep) =
        ViewModelProvider.create(
                store,
                object : ViewModelProvider.Factory {
                    @Suppress("UNCHECKED_CAST")
                    override fun <T : androidx.lifecycle.ViewModel> create(
                        modelClass: KClass<T>,
                        extras: CreationExtras,
                    ): T =
                        NewReportViewModel(id, CoreNewReportRepository(core, picker, noFix), step)
                            as T
                },
            )[step.name, NewReportViewModel::class]

    private fun waitFor(text: String, substring: Boolean = false) =
        compose.waitUntil(60_000) {
            compose
                .onAllNodes(hasText(text, substring = substring))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }

    @Test
    fun `a report made in the flow is in the core as typed, and survives the app being killed`() {
        val core = openCore()
        val id = core.createDraft().id
        var shown by mutableStateOf(model(core, id, NewReportStep.PHOTOS))
        var queued = 0
        compose.setContent {
            IhanoiTheme { NewReportRoute(shown, onClose = {}, onQueued = { queued++ }) }
        }
        waitFor("Bước 1/5: Ảnh")

        compose.onNodeWithText("Chọn ảnh có sẵn").performClick()
        compose.waitUntil(60_000) {
            compose
                .onAllNodes(hasContentDescription("Ảnh 1 trên 1"))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }
        compose.onNodeWithText("Tiếp").performClick()

        compose.onNodeWithText("Lấy vị trí hiện tại").performClick()
        waitFor("Nguồn: ", substring = true)
        val located = requireNotNull(core.reportLocation(id))
        // The core's words: where the position came from, its verdict, the ward found.
        compose.onNodeWithText("Nguồn: ${located.sourceLabel.vi}").performScrollTo()
        compose.onNodeWithText("Độ chính xác: ${located.verdict.qualityLabel.vi}").performScrollTo()
        assertEquals("Phường Hoàn Kiếm", located.areaName)
        compose.onNodeWithText("Phường, xã: Phường Hoàn Kiếm").performScrollTo()
        // The map's outlines come from the core's boundary data, the ward named by the core.
        val outlines = core.wardOutlines(located.fix.lat, located.fix.lon, 250.0)
        val holding = outlines.wards.single { it.containsPoint }
        waitFor("${holding.name.vi}: ghim nằm trong phường, xã này")
        compose
            .onNodeWithText("${holding.name.vi}: ghim nằm trong phường, xã này")
            .performScrollTo()
        compose.onNodeWithText("Tiếp").performClick()

        compose.onNodeWithText("Tìm loại sự việc", substring = true).performTextReplacement("o ga")
        waitFor("Giao thông")
        compose.onAllNodes(hasText("Giao thông"))[0].performClick()
        compose.onNodeWithText("Tiếp").performClick()

        compose.onNodeWithText("Mô tả sự việc").performTextReplacement("Ổ gà sâu giữa đường")
        compose
            .onNodeWithText("Địa chỉ", substring = true)
            .performTextReplacement("Số 1 Lê Thái Tổ")
        compose.onNodeWithText("Khẩn cấp").performScrollTo().performClick()
        // Every edit is the core's as soon as it is made: no save button, nothing held back.
        compose.waitUntil(60_000) { core.report(id).urgency == Urgency.URGENT }
        val report = core.report(id)
        assertEquals("Ổ gà sâu giữa đường", report.description)
        assertEquals("Số 1 Lê Thái Tổ", report.address)
        assertEquals("giao_thong", report.categoryCode)
        assertEquals(1, core.photos(id).size)

        // The app is killed: its state holder goes, the core is closed; reopened over the same
        // folder, a new state holder shows every field from the core.
        store.clear()
        val reopened = openCore()
        shown = model(reopened, id, NewReportStep.DETAILS)
        waitFor("Ổ gà sâu giữa đường")
        compose.onNodeWithText("Số 1 Lê Thái Tổ").performScrollTo()
        compose.onNodeWithText("Khẩn cấp").performScrollTo().assertIsSelected()
        compose.onNodeWithText("Bước trước").performClick()
        waitFor("Đã chọn")
        compose.onNodeWithText("Bước trước").performClick()
        waitFor("Phường, xã: Phường Hoàn Kiếm")
        compose.onNodeWithText("Bước trước").performClick()
        compose.waitUntil(60_000) {
            compose
                .onAllNodes(hasContentDescription("Ảnh 1 trên 1"))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }

        // Review: the core has nothing left to ask, the report goes to the outbox.
        shown = model(reopened, id, NewReportStep.REVIEW)
        waitFor("Đủ thông tin để gửi", substring = true)
        compose.onNodeWithText("Gửi phản ánh").assertIsEnabled().performClick()
        // Reading the screen lets the main looper run, where the state holder resumes.
        compose.waitUntil(60_000) {
            compose.onAllNodes(hasText("Gửi phản ánh")).fetchSemanticsNodes()
            queued == 1
        }
        assertEquals(ReportState.QUEUED, reopened.report(id).state)
    }

    @Test
    fun `review lists every problem the core has at once, and offers no send`() {
        val core = openCore()
        val id = core.createDraft().id
        val shown = model(core, id, NewReportStep.REVIEW)
        compose.setContent { IhanoiTheme { NewReportRoute(shown, onClose = {}, onQueued = {}) } }
        val problems = core.reportDetails(id).problems
        assertTrue("a new draft lacks several things", problems.size >= 3)

        waitFor("Cần bổ sung trước khi gửi:")
        for (problem in problems) {
            compose.onNodeWithText("• " + problem.message.vi).performScrollTo()
        }
        compose.onNodeWithText("Gửi phản ánh").assertIsNotEnabled()
    }

    private companion object {
        /** The shared test photos: `$IHANOI_SHARED/photos`, else `shared/` beside the repo. */
        fun sharedPhoto(name: String): File {
            val root =
                System.getenv("IHANOI_SHARED")?.let(::File)
                    ?: generateSequence(File(System.getProperty("user.dir")).absoluteFile) {
                            it.parentFile
                        }
                        .map { File(it, "shared") }
                        .first { File(it, "photos").isDirectory }
            return File(root, "photos/$name").also { check(it.isFile) { "missing $it" } }
        }
    }
}
