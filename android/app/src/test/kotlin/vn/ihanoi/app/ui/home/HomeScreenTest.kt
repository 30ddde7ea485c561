package vn.ihanoi.app.ui.home

import androidx.compose.ui.test.assertCountEquals
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertTextEquals
import androidx.compose.ui.test.getBoundsInRoot
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.isHeading
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.data.ReportStatus
import vn.ihanoi.app.data.ReportSummary
import vn.ihanoi.app.data.Words
import vn.ihanoi.app.testing.assertEndClearOf
import vn.ihanoi.app.testing.assertNoTextClipped
import vn.ihanoi.app.testing.captureScreen
import vn.ihanoi.app.ui.theme.IhanoiTheme

/**
 * The home screen under Robolectric with the real Android Compose: what it says, what a tap does,
 * and how it looks (golden images) in Vietnamese and English at 100 % and 200 % font scale on a
 * 360x640 dp phone.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class HomeScreenTest {
    @get:Rule val compose = createComposeRule()

    private var newReportTaps = 0
    private val opened = mutableListOf<String>()

    private fun show(state: HomeUiState) {
        compose.setContent {
            IhanoiTheme {
                HomeScreen(
                    state,
                    onNewReport = { newReportTaps++ },
                    onOpenReport = { opened += it },
                )
            }
        }
    }

    @Test
    fun `empty home says what the app is for and starts a report, in Vietnamese`() {
        show(HomeUiState.Empty)

        compose.onNode(isHeading()).assertTextEquals("Phản ánh của tôi")
        compose.onNodeWithText("Chưa có phản ánh nào").assertIsDisplayed()
        compose.onNodeWithText("Không có mạng cũng được", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Tạo phản ánh").assertIsEnabled().performClick()
        assertEquals(1, newReportTaps)
    }

    @Test
    @Config(qualifiers = "+en")
    fun `empty home in English`() {
        show(HomeUiState.Empty)

        compose.onNode(isHeading()).assertTextEquals("My reports")
        compose.onNodeWithText("No reports yet").assertIsDisplayed()
        compose.onNodeWithText("New report").assertIsEnabled().performClick()
        assertEquals(1, newReportTaps)
    }

    @Test
    fun `a report row shows the core's words and opens the report`() {
        show(reportsState)

        compose.onNodeWithText("Chờ gửi").assertIsDisplayed()
        compose.onNodeWithText("(Chưa có mô tả)").assertIsDisplayed()
        compose.onNodeWithText("2 phản ánh sẽ được gửi khi có mạng.").assertIsDisplayed()
        compose.onNodeWithText("Ổ gà lớn giữa đường Minh Khai").performClick()
        assertEquals(listOf("r1"), opened)
        compose.onNodeWithText("Tạo phản ánh").performClick()
        assertEquals(1, newReportTaps)
    }

    @Test
    fun `a report the city sent back shows the city's reason`() {
        show(reportsState)

        compose.onNodeWithText("Cần bổ sung").assertIsDisplayed()
        compose
            .onNodeWithText("Lý do thành phố trả lại: Ảnh không rõ, vui lòng chụp lại.")
            .assertIsDisplayed()
    }

    @Test
    fun `a report with unread city updates is marked, and only that one`() {
        show(reportsState)

        compose.onNodeWithText("Cập nhật mới: 1").assertIsDisplayed()
        compose.onAllNodesWithText("Cập nhật mới", substring = true).assertCountEquals(1)
    }

    @Test
    @Config(qualifiers = "+en")
    fun `report rows in English use the core's English words`() {
        show(reportsState)

        compose.onNodeWithText("Waiting to send").assertIsDisplayed()
        compose.onNodeWithText("Potholes").assertIsDisplayed()
        compose.onNodeWithText("2 reports will be sent when you are online.").assertIsDisplayed()
        compose.onNodeWithText("Why the city sent it back", substring = true).assertIsDisplayed()
        compose.onNodeWithText("New updates: 1").assertIsDisplayed()
    }

    @Test
    @Config(fontScale = 2.0f)
    fun `at 200 % the header links sit under the title, which keeps its words whole`() {
        show(reportsState)

        val title = compose.onNode(isHeading()).getBoundsInRoot()
        val alerts = compose.onNodeWithText("Cảnh báo").assertIsDisplayed().getBoundsInRoot()
        compose.onNodeWithText("Cài đặt").assertIsDisplayed()
        assertTrue("links under the title", alerts.top >= title.bottom)
        compose.assertNoTextClipped()
    }

    @Test
    fun `scrolled to the end, the last row is above the new-report button`() {
        show(reportsState)

        compose.assertEndClearOf(hasText("(Chưa có mô tả)"), cover = hasText("Tạo phản ánh"))
    }

    @Test
    @Config(fontScale = 2.0f)
    fun `at 200 % the new-report button leads the list, nothing floats over the rows`() {
        show(reportsState)

        val button = compose.onNodeWithText("Tạo phản ánh").assertIsDisplayed().getBoundsInRoot()
        val outbox = compose.onNodeWithText("2 phản ánh sẽ được gửi khi có mạng.").getBoundsInRoot()
        assertTrue("the button above the list", button.bottom <= outbox.top)
        compose.onNodeWithText("Tạo phản ánh").performClick()
        assertEquals(1, newReportTaps)
        compose.assertEndClearOf(hasText("(Chưa có mô tả)"), cover = null)
        // One button only: none floats over the list.
        compose.onAllNodesWithText("Tạo phản ánh").assertCountEquals(1)
    }

    @Test fun `golden home empty vi font 1_0`() = golden("home_empty_vi_font1.0")

    @Test
    @Config(fontScale = 2.0f)
    fun `golden home empty vi font 2_0`() = golden("home_empty_vi_font2.0")

    @Test
    @Config(qualifiers = "+en")
    fun `golden home empty en font 1_0`() = golden("home_empty_en_font1.0")

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden home empty en font 2_0`() = golden("home_empty_en_font2.0")

    @Test
    @Config(qualifiers = "+night")
    fun `golden home empty vi dark`() = golden("home_empty_vi_dark")

    @Test fun `golden home reports vi font 1_0`() = golden("home_reports_vi_font1.0", reportsState)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden home reports vi font 2_0`() = golden("home_reports_vi_font2.0", reportsState)

    @Test
    @Config(qualifiers = "+en")
    fun `golden home reports en font 1_0`() = golden("home_reports_en_font1.0", reportsState)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden home reports en font 2_0`() = golden("home_reports_en_font2.0", reportsState)

    @Test
    @Config(qualifiers = "+night")
    fun `golden home reports vi dark`() = golden("home_reports_vi_dark", reportsState)

    private fun golden(name: String, state: HomeUiState = HomeUiState.Empty) {
        show(state)
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }

    private companion object {
        // What the core says for these reports (its labels and outbox line, see core/src).
        val reportsState =
            HomeUiState.Reports(
                reports =
                    listOf(
                        ReportSummary(
                            "r1",
                            "Ổ gà lớn giữa đường Minh Khai",
                            ReportStatus.QUEUED,
                            Words("Chờ gửi", "Waiting to send"),
                            category = Words("Ổ gà, hư hỏng mặt đường", "Potholes"),
                        ),
                        ReportSummary(
                            "r3",
                            "Rác thải đổ trộm ở góc phố Bạch Mai",
                            ReportStatus.NEEDS_ATTENTION,
                            Words("Cần bổ sung", "Needs your attention"),
                            cityReason =
                                Words(
                                    "Ảnh không rõ, vui lòng chụp lại.",
                                    "The photo is unclear; take it again.",
                                ),
                            unreadUpdates = 1,
                        ),
                        ReportSummary("r2", "", ReportStatus.DRAFT, Words("Bản nháp", "Draft")),
                    ),
                outbox =
                    Words(
                        "2 phản ánh sẽ được gửi khi có mạng.",
                        "2 reports will be sent when you are online.",
                    ),
            )
    }
}
