package vn.ihanoi.app.ui.signin

import android.content.Context
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.assertIsSelected
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.isSelectable
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextReplacement
import androidx.test.core.app.ApplicationProvider
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.R
import vn.ihanoi.app.data.AppSettings
import vn.ihanoi.app.data.ContactFields
import vn.ihanoi.app.data.LanguageSetting
import vn.ihanoi.app.data.PhotoSize
import vn.ihanoi.app.data.Session
import vn.ihanoi.app.data.SettingChoice
import vn.ihanoi.app.data.SignInMode
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
                    onContact = { calls += "contact ${it.lastName}|${it.firstName}" },
                    onSaveContact = { calls += "save" },
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
                    onLanguage = { calls += "language $it" },
                    onPhotoSize = { calls += "size $it" },
                    onPhotosOnlyOnWifi = { calls += "wifi $it" },
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
        settings(settingsState(Session.SIGNED_OUT))
        compose.onNodeWithText("Chưa đăng nhập", substring = true).assertIsDisplayed()
        compose.onNode(hasText("Đăng nhập") and hasClickAction()).performClick()
        compose.onNodeWithText("Giới thiệu").performScrollTo().performClick()
        assertEquals(listOf("sign in", "about"), calls)
    }

    @Test
    fun `settings signed in`() {
        settings(settingsState(Session.SIGNED_IN))
        compose.onNodeWithText("không xoá bản nháp", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Đăng xuất").performClick()
        assertEquals(listOf("sign out"), calls)
    }

    @Test
    fun `without the sign-in extension the personal fields, each optional, saved by the core`() {
        signIn(contactStep)
        compose.onNodeWithText("Mọi mục đều không bắt buộc", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Gửi mã qua tin nhắn").assertDoesNotExist()
        compose.onNodeWithText("Họ").performTextReplacement("Nguyễn")
        compose.onNodeWithText("Lưu").assertIsEnabled().performClick()
        assertEquals(listOf("contact Nguyễn|Lan", "save"), calls)
    }

    @Test
    fun `saved contact fields say so and wait for the next edit`() {
        signIn(contactStep.copy(contactSaved = true))
        compose.onNodeWithText("Đã lưu", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Lưu").assertIsNotEnabled()
    }

    @Test
    fun `settings - the core's rows for language and photo size, and photos only on Wi-Fi`() {
        settings(settingsState(Session.SIGNED_IN))
        compose.onNodeWithText("English").performScrollTo().performClick()
        compose.onNodeWithText("Nhỏ (tiết kiệm dữ liệu)").performScrollTo().performClick()
        compose.onNodeWithText("Chỉ gửi ảnh khi có Wi-Fi").performScrollTo().performClick()
        assertEquals(listOf("language EN", "size SMALL", "wifi true"), calls)
        compose
            .onNode(hasText("Tiêu chuẩn", substring = true) and isSelectable())
            .assertIsSelected()
    }

    @Test
    fun `settings on a server without sign-in offer the contact fields, not sign-in`() {
        settings(settingsState(Session.SIGNED_OUT, mode = SignInMode.CONTACT_FIELDS))
        compose.onNodeWithText("Đăng nhập").assertDoesNotExist()
        compose.onNodeWithText("Sửa thông tin liên hệ").performClick()
        assertEquals(listOf("sign in"), calls)
    }

    @Test
    fun `golden contact vi font 1_0`() = goldenSignIn("signin_contact_vi_font1.0", contactStep)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden contact vi font 2_0`() = goldenSignIn("signin_contact_vi_font2.0", contactStep)

    @Test
    @Config(qualifiers = "+en")
    fun `golden contact en font 1_0`() = goldenSignIn("signin_contact_en_font1.0", contactStep)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden contact en font 2_0`() = goldenSignIn("signin_contact_en_font2.0", contactStep)

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

    @Test
    fun `golden settings photos vi font 1_0`() = goldenSettingsBottom("settings_photos_vi_font1.0")

    @Test
    @Config(fontScale = 2.0f)
    fun `golden settings photos vi font 2_0`() = goldenSettingsBottom("settings_photos_vi_font2.0")

    @Test
    @Config(qualifiers = "+en")
    fun `golden settings photos en font 1_0`() = goldenSettingsBottom("settings_photos_en_font1.0")

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden settings photos en font 2_0`() = goldenSettingsBottom("settings_photos_en_font2.0")

    /** The language and photo settings, below the account: scrolled to the end. */
    private fun goldenSettingsBottom(name: String) {
        settings(settingsState(Session.SIGNED_IN))
        compose.assertNoTextClipped()
        // The last control of the column: "about", in the screen's language.
        val about =
            ApplicationProvider.getApplicationContext<Context>().getString(R.string.about_title)
        compose.onNodeWithText(about).performScrollTo()
        compose.captureScreen(name)
    }

    private fun goldenSettings(name: String, session: Session) {
        settings(settingsState(session))
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }

    private fun settingsState(session: Session, mode: SignInMode = SignInMode.PHONE_CODE) =
        SettingsUiState(
            session = session,
            mode = mode,
            settings = AppSettings(firstRunDone = true, photosOnlyOnWifi = false),
            // The core's rows (language_options, photo_size_options), as it words them.
            languages =
                listOf(
                    SettingChoice(LanguageSetting.SYSTEM, Words("Theo máy", "As the phone")),
                    SettingChoice(LanguageSetting.VI, Words("Tiếng Việt", "Tiếng Việt")),
                    SettingChoice(LanguageSetting.EN, Words("English", "English")),
                ),
            photoSizes =
                listOf(
                    SettingChoice(
                        PhotoSize.SMALL,
                        Words("Nhỏ (tiết kiệm dữ liệu)", "Small (saves data)"),
                        Words(
                            "1024 px — mạng chậm hoặc tính phí theo dung lượng",
                            "1024 px — slow or metered connections",
                        ),
                    ),
                    SettingChoice(
                        PhotoSize.STANDARD,
                        Words("Tiêu chuẩn", "Standard"),
                        Words(
                            "1600 px — đủ đọc được biển hiệu (khuyên dùng)",
                            "1600 px — enough to read a sign (recommended)",
                        ),
                    ),
                    SettingChoice(
                        PhotoSize.LARGE,
                        Words("Lớn", "Large"),
                        Words("2048 px — cảnh nhiều chi tiết", "2048 px — detailed scenes"),
                    ),
                ),
        )

    private companion object {
        val contactStep =
            SignInUiState(
                mode = SignInMode.CONTACT_FIELDS,
                contact = ContactFields(firstName = "Lan", phone = "0912 345 678"),
            )

        val codeStep =
            SignInUiState(
                phone = "0912 345 678",
                code = "123456",
                codeSentTo = "+84912345678",
                expiresInMinutes = 5,
            )
    }
}
