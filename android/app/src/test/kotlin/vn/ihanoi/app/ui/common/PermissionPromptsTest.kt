package vn.ihanoi.app.ui.common

import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.isDialog
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import com.github.takahirom.roborazzi.captureRoboImage
import java.io.File
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.platform.AppPermission
import vn.ihanoi.app.testing.assertNoTextClipped
import vn.ihanoi.app.testing.screenshotsDir
import vn.ihanoi.app.ui.theme.IhanoiTheme

/** The reason shown before a permission's system prompt, and the note once it was refused. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class PermissionPromptsTest {
    @get:Rule val compose = createComposeRule()

    private val answers = mutableListOf<Boolean>()

    private fun reason(permission: AppPermission) =
        compose.setContent { IhanoiTheme { PermissionReason(permission) { answers += it } } }

    private fun refused(permission: AppPermission) =
        compose.setContent { IhanoiTheme { PermissionRefused(permission) { answers += false } } }

    @Test
    fun `the reason says why, then allow or not now`() {
        reason(AppPermission.CAMERA)
        compose
            .onNodeWithText("Máy ảnh dùng để chụp ảnh hiện trường gửi kèm phản ánh.")
            .assertIsDisplayed()
        compose.onNodeWithText("Để sau").performClick()
        compose.onNodeWithText("Cho phép").performClick()
        assertEquals(listOf(false, true), answers)
    }

    @Test
    fun `a refusal says what works without it`() {
        refused(AppPermission.LOCATION)
        compose.onNodeWithText("hoặc đặt ghim trên bản đồ", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Đóng").performClick()
        assertEquals(listOf(false), answers)
    }

    @Test fun `golden reason vi font 1_0`() = golden("permission_reason_vi_font1.0", reason = true)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden reason vi font 2_0`() = golden("permission_reason_vi_font2.0", reason = true)

    @Test
    @Config(qualifiers = "+en")
    fun `golden reason en font 1_0`() = golden("permission_reason_en_font1.0", reason = true)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden reason en font 2_0`() = golden("permission_reason_en_font2.0", reason = true)

    @Test fun `golden refused vi font 1_0`() = golden("permission_refused_vi_font1.0")

    @Test
    @Config(fontScale = 2.0f)
    fun `golden refused vi font 2_0`() = golden("permission_refused_vi_font2.0")

    @Test
    @Config(qualifiers = "+en")
    fun `golden refused en font 1_0`() = golden("permission_refused_en_font1.0")

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden refused en font 2_0`() = golden("permission_refused_en_font2.0")

    private fun golden(name: String, reason: Boolean = false) {
        // The reason for the position (the longest), the note for the camera.
        if (reason) reason(AppPermission.LOCATION) else refused(AppPermission.CAMERA)
        compose.assertNoTextClipped()
        compose.onNode(isDialog()).captureRoboImage(File(screenshotsDir, "$name.png").path)
    }
}
