package vn.ihanoi.app.ui.report

import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import java.io.File
import java.util.TimeZone
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.data.CityStatus
import vn.ihanoi.app.data.ReportDetail
import vn.ihanoi.app.data.ReportStatus
import vn.ihanoi.app.data.TimelineItem
import vn.ihanoi.app.data.Words
import vn.ihanoi.app.testing.assertNoTextClipped
import vn.ihanoi.app.testing.captureScreen
import vn.ihanoi.app.ui.theme.IhanoiTheme

/**
 * The report screen under Robolectric: the core's words in vi and en, every readiness problem at
 * once, the queue button only when the core allows it, the city's timeline with its deadlines, and
 * golden images.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class ReportDetailScreenTest {
    @get:Rule val compose = createComposeRule()

    @get:Rule val files = TemporaryFolder()

    // Dates on screen are in the phone's zone: Hanoi's, whatever machine runs the goldens.
    private val zone = TimeZone.getDefault()

    @Before fun hanoiTime() = TimeZone.setDefault(TimeZone.getTimeZone("Asia/Ho_Chi_Minh"))

    @After fun restoreTime() = TimeZone.setDefault(zone)

    private var queued = 0
    private var back = 0

    private fun show(report: ReportDetail) {
        compose.setContent {
            IhanoiTheme {
                ReportDetailScreen(
                    ReportDetailUiState.Shown(report),
                    onBack = { back++ },
                    onQueue = { queued++ },
                )
            }
        }
    }

    @Test
    fun `a draft lists every problem and offers no send`() {
        show(draft)

        compose.onNodeWithText("Bản nháp").assertIsDisplayed()
        compose.onNodeWithText("Chưa chọn loại sự việc", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Chưa có ảnh", substring = true).assertIsDisplayed()
        assertEquals(0, compose.onAllNodes(hasSendButton()).fetchSemanticsNodes().size)
        compose.onNodeWithText("Quay lại").performClick()
        assertEquals(1, back)
    }

    @Test
    fun `a ready draft can be sent`() {
        show(draft.copy(problems = emptyList(), canQueue = true))

        compose.onNodeWithText("Gửi phản ánh").performScrollTo().assertIsEnabled().performClick()
        assertEquals(1, queued)
    }

    @Test
    fun `a resolved report shows the timeline, deadlines and the result photo`() {
        show(resolved(photo()))

        // The city's status, and the same words on the timeline's last entry.
        compose.onAllNodesWithText("Đã xử lý xong")[0].assertIsDisplayed()
        compose.onNodeWithText("Tiếp nhận trước", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Quá trình xử lý").performScrollTo().assertIsDisplayed()
        compose.onNodeWithText("Đã làm lại mặt đường.").performScrollTo().assertIsDisplayed()
        compose.onNodeWithContentDescription("Ảnh kết quả 1").performScrollTo().performClick()
        // Full screen: a second image with the same label, in a dialog.
        compose.waitForIdle()
        assertEquals(
            2,
            compose
                .onAllNodes(
                    androidx.compose.ui.test.hasContentDescription("Ảnh kết quả 1"),
                    useUnmergedTree = true,
                )
                .fetchSemanticsNodes()
                .size,
        )
    }

    @Test
    @Config(qualifiers = "+en")
    fun `in English the core's English words`() {
        show(resolved(photo()))

        compose.onAllNodesWithText("Resolved")[0].assertIsDisplayed()
        compose.onNodeWithText("Potholes").assertIsDisplayed()
        compose.onNodeWithText("To be handled by", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Overdue").assertIsDisplayed()
    }

    @Test fun `golden report draft vi font 1_0`() = golden("report_draft_vi_font1.0", draft)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden report draft vi font 2_0`() = golden("report_draft_vi_font2.0", draft)

    @Test
    @Config(qualifiers = "+en")
    fun `golden report draft en font 1_0`() = golden("report_draft_en_font1.0", draft)

    @Test fun `golden report resolved vi font 1_0`() = golden("report_resolved_vi_font1.0", null)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden report resolved en font 2_0`() = golden("report_resolved_en_font2.0", null)

    @Test
    @Config(qualifiers = "+night")
    fun `golden report resolved vi dark`() = golden("report_resolved_vi_dark", null)

    private fun golden(name: String, report: ReportDetail?) {
        show(report ?: resolved(photo()))
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }

    private fun hasSendButton() = androidx.compose.ui.test.hasText("Gửi phản ánh")

    /** A real photo file (a small JPEG made here: the result photos are the core's files). */
    private fun photo(): String {
        val bitmap =
            android.graphics.Bitmap.createBitmap(64, 48, android.graphics.Bitmap.Config.ARGB_8888)
        bitmap.eraseColor(android.graphics.Color.rgb(90, 120, 90))
        val file = File(files.root, "result.jpg")
        file.outputStream().use {
            bitmap.compress(android.graphics.Bitmap.CompressFormat.JPEG, 90, it)
        }
        return file.path
    }

    private companion object {
        // The core's words for these states (core/src/reports, core/src/pull).
        val draft =
            ReportDetail(
                id = "r1",
                state = ReportStatus.DRAFT,
                stateLabel = Words("Bản nháp", "Draft"),
                description = "Ổ gà",
                address = null,
                urgency = Words("Bình thường", "Normal"),
                category = null,
                unitName = null,
                cityReason = null,
                problems =
                    listOf(
                        Words("Chưa chọn loại sự việc.", "No category chosen."),
                        Words("Chưa có ảnh nào.", "No photo yet."),
                        Words("Chưa có vị trí.", "No location yet."),
                    ),
                warnings = emptyList(),
                cityStatus = null,
                timeline = emptyList(),
                canQueue = false,
                canEdit = true,
            )

        fun resolved(photo: String) =
            ReportDetail(
                id = "r2",
                state = ReportStatus.SUBMITTED,
                stateLabel = Words("Đã gửi", "Sent"),
                description = "Ổ gà lớn giữa đường Minh Khai, xe máy dễ ngã.",
                address = "Số 12 Minh Khai",
                urgency = Words("Khẩn cấp", "Urgent"),
                category = Words("Ổ gà, hư hỏng mặt đường", "Potholes"),
                unitName = "Phường Vĩnh Tuy",
                cityReason = null,
                problems = emptyList(),
                warnings = emptyList(),
                cityStatus =
                    CityStatus(
                        label = Words("Đã xử lý xong", "Resolved"),
                        closed = false,
                        acknowledgeByMs = 1_780_000_000_000,
                        handleByMs = 1_780_300_000_000,
                        overdue = true,
                    ),
                timeline =
                    listOf(
                        TimelineItem(
                            "u1",
                            Words("Phường Vĩnh Tuy đã tiếp nhận", "Phường Vĩnh Tuy accepted it"),
                            "",
                            1_779_990_000_000,
                            false,
                            emptyList(),
                        ),
                        TimelineItem(
                            "u2",
                            Words("Đã xử lý xong", "Resolved"),
                            "Đã làm lại mặt đường.",
                            1_780_100_000_000,
                            true,
                            listOf(photo),
                        ),
                    ),
                canQueue = false,
                canEdit = false,
            )
    }
}
