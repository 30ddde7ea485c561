package vn.ihanoi.app.ui.home

import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertTextEquals
import androidx.compose.ui.test.isHeading
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.data.ReportStatus
import vn.ihanoi.app.data.ReportSummary
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
    fun `a report row shows its state and opens the report`() {
        show(
            HomeUiState.Reports(
                listOf(
                    ReportSummary("r1", "Ổ gà lớn giữa đường Minh Khai", ReportStatus.QUEUED),
                    ReportSummary("r2", "", ReportStatus.DRAFT),
                )
            )
        )

        compose.onNodeWithText("Chờ gửi").assertIsDisplayed()
        compose.onNodeWithText("(Chưa có mô tả)").assertIsDisplayed()
        compose.onNodeWithText("Ổ gà lớn giữa đường Minh Khai").performClick()
        assertEquals(listOf("r1"), opened)
        compose.onNodeWithText("Tạo phản ánh").performClick()
        assertEquals(1, newReportTaps)
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

    private fun golden(name: String) {
        show(HomeUiState.Empty)
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }
}
