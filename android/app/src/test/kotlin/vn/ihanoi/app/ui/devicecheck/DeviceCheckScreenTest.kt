package vn.ihanoi.app.ui.devicecheck

import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.data.CheckRow
import vn.ihanoi.app.data.DeviceCheckResult
import vn.ihanoi.app.data.Words
import vn.ihanoi.app.testing.assertNoTextClipped
import vn.ihanoi.app.testing.captureScreen
import vn.ihanoi.app.ui.theme.IhanoiTheme

/** The device check screen: the core's verdict and rows in vi and en, "check again", goldens. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class DeviceCheckScreenTest {
    @get:Rule val compose = createComposeRule()

    private var reruns = 0

    private fun show(result: DeviceCheckResult? = sample) =
        compose.setContent {
            IhanoiTheme { DeviceCheckScreen(result, onBack = {}, onRerun = { reruns++ }) }
        }

    @Test
    fun `rows say what was found and what to do`() {
        show()

        compose.onNodeWithText("Kết quả: Cần sửa").assertIsDisplayed()
        compose.onNodeWithText("Chưa cho phép dùng máy ảnh").assertIsDisplayed()
        compose.onNodeWithText("Mở Cài đặt > Ứng dụng > iHaNoi > Quyền.").assertIsDisplayed()
        compose.onNodeWithText("Kiểm tra lại").performScrollTo().performClick()
        assertEquals(1, reruns)
    }

    @Test
    @Config(qualifiers = "+en")
    fun `in English`() {
        show()

        compose.onNodeWithText("Result: Must fix").assertIsDisplayed()
        compose.onNodeWithText("Camera not allowed").assertIsDisplayed()
    }

    @Test
    fun `while running it says so`() {
        show(null)

        compose.onNodeWithText("Đang kiểm tra điện thoại…").assertIsDisplayed()
    }

    @Test fun `golden check vi font 1_0`() = golden("check_vi_font1.0")

    @Test @Config(fontScale = 2.0f) fun `golden check vi font 2_0`() = golden("check_vi_font2.0")

    @Test @Config(qualifiers = "+en") fun `golden check en font 1_0`() = golden("check_en_font1.0")

    @Test @Config(qualifiers = "+night") fun `golden check vi dark`() = golden("check_vi_dark")

    private fun golden(name: String) {
        show()
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }

    private companion object {
        val sample =
            DeviceCheckResult(
                verdict = Words("Cần sửa", "Must fix"),
                passed = false,
                rows =
                    listOf(
                        CheckRow(
                            Words("Ổn", "OK"),
                            false,
                            Words("Có mạng Wi-Fi", "Wi-Fi connected"),
                            Words("", ""),
                            null,
                        ),
                        CheckRow(
                            Words("Cần sửa", "Must fix"),
                            true,
                            Words("Chưa cho phép dùng máy ảnh", "Camera not allowed"),
                            Words(
                                "Mở Cài đặt > Ứng dụng > iHaNoi > Quyền.",
                                "Open Settings > Apps > iHaNoi > Permissions.",
                            ),
                            null,
                        ),
                        CheckRow(
                            Words("Nên xem lại", "Check this"),
                            false,
                            Words("Bộ nhớ còn ít", "Little free storage"),
                            Words("Xoá bớt ảnh, video cũ.", "Delete old photos and videos."),
                            "180 MB",
                        ),
                    ),
            )
    }
}
