package vn.ihanoi.app.coretests

import android.content.Context
import androidx.activity.ComponentActivity
import androidx.compose.ui.test.assertTextEquals
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.isHeading
import androidx.compose.ui.test.junit4.v2.createAndroidComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.test.core.app.ApplicationProvider
import javax.crypto.KeyGenerator
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.AppContainer
import vn.ihanoi.app.platform.KeystoreSecretStore
import vn.ihanoi.app.ui.IhanoiApp
import vn.ihanoi.app.ui.Route
import vn.ihanoi.app.ui.theme.IhanoiTheme
import vn.ihanoi.core.IhanoiCore

/**
 * The route switch of [IhanoiApp] over the real core: each destination is reached by the tap that
 * leads there, the system back returns home, a draft opens in the new-report flow and a route
 * string survives being saved and read back.
 */
@RunWith(CoreTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class IhanoiAppRouteTest {
    @get:Rule val compose = createAndroidComposeRule<ComponentActivity>()

    @get:Rule val dataDir = TemporaryFolder()

    private val context: Context = ApplicationProvider.getApplicationContext()
    private val testKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    private var core: IhanoiCore? = null

    private val container =
        AppContainer(context) {
            IhanoiCore.open(dataDir.root.path, KeystoreSecretStore(it) { testKey }).also {
                core = it
            }
        }

    @After fun close() = core?.close() ?: Unit

    private fun waitFor(text: String, substring: Boolean = false) =
        compose.waitUntil(60_000) {
            compose.onAllNodes(hasText(text, substring)).fetchSemanticsNodes().isNotEmpty()
        }

    private fun title() = compose.onNode(isHeading(), useUnmergedTree = true)

    private fun back() =
        compose.runOnUiThread { compose.activity.onBackPressedDispatcher.onBackPressed() }

    @Test
    fun `every destination is a tap away and back returns home`() {
        compose.setContent { IhanoiTheme { IhanoiApp(container, "0.1.0") } }
        // The first start says what the app does and asks for no permission yet.
        waitFor("Chào mừng đến với iHaNoi")
        compose.onNodeWithText("Bắt đầu").performClick()
        waitFor("Chưa có phản ánh nào")
        // Kept by the core, not by the app: the next start opens home.
        assertTrue(core!!.preferences().firstRunDone)

        compose.onNodeWithText("Cảnh báo").performClick()
        waitFor("Truyền thông, cảnh báo")
        back()
        waitFor("Chưa có phản ánh nào")

        compose.onNodeWithText("Cài đặt").performClick()
        // Not signed in: the settings offer the sign-in, which asks for the phone number.
        waitFor("Chưa đăng nhập", substring = true)
        compose.onNode(hasText("Đăng nhập") and hasClickAction()).performClick()
        waitFor("Số điện thoại")
        compose.onNodeWithText("Quay lại").performClick()
        waitFor("Giới thiệu")
        // Below the language and photo settings.
        compose.onNodeWithText("Giới thiệu").performScrollTo().performClick()
        waitFor("Kiểm tra máy")
        compose.onNodeWithText("Kiểm tra máy").performClick()
        waitFor("Kiểm tra điện thoại")
        compose.onNodeWithText("Quay lại").performClick()
        waitFor("Chưa có phản ánh nào")

        // A new report opens the guided flow on its first step; back keeps the draft.
        compose.onNodeWithText("Tạo phản ánh").performClick()
        waitFor("Bước 1/5: Ảnh")
        back()
        waitFor("Bản nháp")
        // A draft on the home screen opens where it is edited, not the read-only report screen.
        compose.onNodeWithText("Bản nháp").performClick()
        waitFor("Bước 1/5: Ảnh")
        compose.onNodeWithText("Quay lại").performClick()
        waitFor("Bản nháp")
        title().assertTextEquals("Phản ánh của tôi")
    }

    @Test
    fun `a saved route reads back as the same destination`() {
        for (route in listOf(Route.HOME, Route("report", "a:b-1"), Route("new", "42"))) {
            assertEquals(route, Route.parse(route.toString()))
        }
        assertEquals(Route("alerts"), Route.parse("alerts"))
    }
}
