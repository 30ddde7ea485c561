package vn.ihanoi.app.ui.firstrun

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
import vn.ihanoi.app.testing.assertNoTextClipped
import vn.ihanoi.app.testing.captureScreen
import vn.ihanoi.app.ui.theme.IhanoiTheme

/** The first-run screen: what the app does, each permission's reason, one button; goldens. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class FirstRunScreenTest {
    @get:Rule val compose = createComposeRule()

    private var started = 0

    private fun show() = compose.setContent { IhanoiTheme { FirstRunScreen { started++ } } }

    @Test
    fun `says what the app does and why each permission will be asked, then starts`() {
        show()

        compose.onNodeWithText("Chào mừng đến với iHaNoi").assertIsDisplayed()
        compose.onNodeWithText("Máy ảnh: khi bạn chụp", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Vị trí: khi bạn lấy vị trí", substring = true).performScrollTo()
        compose.onNodeWithText("Thông báo:", substring = true).performScrollTo()
        compose.onNodeWithText("Bắt đầu").performScrollTo().performClick()
        assertEquals(1, started)
    }

    @Test
    @Config(qualifiers = "+en")
    fun `in English`() {
        show()
        compose.onNodeWithText("Welcome to iHaNoi").assertIsDisplayed()
        compose.onNodeWithText("Get started").performScrollTo().performClick()
        assertEquals(1, started)
    }

    @Test fun `golden first run vi font 1_0`() = golden("first_run_vi_font1.0")

    @Test
    @Config(fontScale = 2.0f)
    fun `golden first run vi font 2_0`() = golden("first_run_vi_font2.0")

    @Test
    @Config(qualifiers = "+en")
    fun `golden first run en font 1_0`() = golden("first_run_en_font1.0")

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden first run en font 2_0`() = golden("first_run_en_font2.0")

    private fun golden(name: String) {
        show()
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }
}
