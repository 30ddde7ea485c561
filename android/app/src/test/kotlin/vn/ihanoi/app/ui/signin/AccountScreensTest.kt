package vn.ihanoi.app.ui.signin

import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performTextReplacement
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.data.Session
import vn.ihanoi.app.data.Words
import vn.ihanoi.app.testing.assertNoTextClipped
import vn.ihanoi.app.testing.captureScreen
import vn.ihanoi.app.ui.settings.SettingsScreen
import vn.ihanoi.app.ui.settings.SettingsUiState
import vn.ihanoi.app.ui.theme.IhanoiTheme

/** Sign-in (phone, then the one-time code) and settings (the account): words, taps, goldens. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class AccountScreensTest {
    @get:Rule val compose = createComposeRule()

    private val calls = mutableListOf<String>()

    private fun signIn(state: SignInUiState) =
        compose.setContent {
            IhanoiTheme {
                SignInScreen(
                    state,
                    onBack = { calls += "back" },
                    onPhone = { calls += "phone $it" },
                    onCode = { calls += "code $it" },
                    onRequestCode = { calls += "request" },
                    onSignIn = { calls += "sign in" },
                    onChangePhone = { calls += "change" },
                )
            }
        }

    private fun settings(state: SettingsUiState) =
        compose.setContent {
            IhanoiTheme {
                SettingsScreen(
                    state,
                    onBack = { calls += "back" },
                    onSignIn = { calls += "sign in" },
                    onSignOut = { calls += "sign out" },
                    onOpenAbout = { calls += "about" },
                )
            }
        }

    @Test
    fun `the phone step sends a code only once a number is typed`() {
        signIn(SignInUiState())
        compose.onNodeWithText("Gửi mã qua tin nhắn").assertIsNotEnabled()
        compose.onNodeWithText("Số điện thoại").performTextReplacement("0912 345 678")
        assertEquals(listOf("phone 0912 345 678"), calls)
    }

    @Test
    fun `the code step names where the code went and signs in`() {
        signIn(codeStep)

        compose
            .onNodeWithText("Đã gửi mã tới +84912345678, dùng được trong 5 phút.")
            .assertIsDisplayed()
        compose.onNodeWithText("Đổi số điện thoại").performClick()
        compose.onNode(hasText("Đăng nhập") and hasClickAction()).assertIsEnabled().performClick()
        assertEquals(listOf("change", "sign in"), calls)
    }

    @Test
    fun `a refusal shows the core's words`() {
        signIn(codeStep.copy(error = Words("Mã không đúng.", "Wrong code.")))
        compose.onNodeWithText("Mã không đúng.").assertIsDisplayed()
    }

    @Test
    fun `settings signed out offers sign-in, signed in offers sign-out keeping drafts`() {
        settings(SettingsUiState(Session.SIGNED_OUT))
        compose.onNodeWithText("Chưa đăng nhập", substring = true).assertIsDisplayed()
        compose.onNode(hasText("Đăng nhập") and hasClickAction()).performClick()
        compose.onNodeWithText("Giới thiệu").performClick()
        assertEquals(listOf("sign in", "about"), calls)
    }

    @Test
    fun `settings signed in`() {
        settings(SettingsUiState(Session.SIGNED_IN))
        compose.onNodeWithText("không xoá bản nháp", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Đăng xuất").performClick()
        assertEquals(listOf("sign out"), calls)
    }

    @Test fun `golden sign-in phone vi font 1_0`() = goldenSignIn("signin_phone_vi_font1.0")

    @Test
    @Config(fontScale = 2.0f)
    fun `golden sign-in code vi font 2_0`() = goldenSignIn("signin_code_vi_font2.0", codeStep)

    @Test
    @Config(qualifiers = "+en")
    fun `golden sign-in code en font 1_0`() = goldenSignIn("signin_code_en_font1.0", codeStep)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden sign-in phone en font 2_0`() = goldenSignIn("signin_phone_en_font2.0")

    @Test
    fun `golden settings vi font 1_0`() = goldenSettings("settings_vi_font1.0", Session.SIGNED_IN)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden settings vi font 2_0`() = goldenSettings("settings_vi_font2.0", Session.SIGNED_OUT)

    @Test
    @Config(qualifiers = "+en")
    fun `golden settings en font 1_0`() = goldenSettings("settings_en_font1.0", Session.SIGNED_OUT)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden settings en font 2_0`() = goldenSettings("settings_en_font2.0", Session.SIGNED_IN)

    @Test
    @Config(qualifiers = "+night")
    fun `golden settings vi dark`() = goldenSettings("settings_vi_dark", Session.SIGN_IN_NEEDED)

    private fun goldenSignIn(name: String, state: SignInUiState = SignInUiState()) {
        signIn(state)
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }

    private fun goldenSettings(name: String, session: Session) {
        settings(SettingsUiState(session))
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }

    private companion object {
        val codeStep =
            SignInUiState(
                phone = "0912 345 678",
                code = "123456",
                codeSentTo = "+84912345678",
                expiresInMinutes = 5,
            )
    }
}
