package vn.ihanoi.app.ui.info

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
import vn.ihanoi.app.data.CityAlert
import vn.ihanoi.app.data.Licence
import vn.ihanoi.app.data.Words
import vn.ihanoi.app.testing.assertNoTextClipped
import vn.ihanoi.app.testing.captureScreen
import vn.ihanoi.app.ui.about.AboutScreen
import vn.ihanoi.app.ui.about.AboutUiState
import vn.ihanoi.app.ui.alerts.AlertsScreen
import vn.ihanoi.app.ui.theme.IhanoiTheme

/** The about and alerts screens: the core's words in vi and en, taps, golden images. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class InfoScreensTest {
    @get:Rule val compose = createComposeRule()

    private val opened = mutableListOf<String>()

    private fun about() =
        compose.setContent { IhanoiTheme { AboutScreen(aboutState, onBack = {}) } }

    private fun alerts(list: List<CityAlert>? = alertList) =
        compose.setContent {
            IhanoiTheme { AlertsScreen(list, onBack = {}, onOpen = { opened += it }) }
        }

    @Test
    fun `about names the ward data and its MIT licence, text on demand`() {
        about()

        compose.onNodeWithText("Phiên bản ứng dụng 0.1.0 · lõi 0.1.0").assertIsDisplayed()
        compose
            .onNodeWithText("Ranh giới 126 phường, xã của Hà Nội (từ 1/7/2025)")
            .assertIsDisplayed()
        compose.onNodeWithText("Giấy phép: MIT").assertIsDisplayed()
        compose.onNodeWithText("Xem giấy phép").performClick()
        compose
            .onNodeWithText("MIT License", substring = true)
            .performScrollTo()
            .assertIsDisplayed()
    }

    @Test
    @Config(qualifiers = "+en")
    fun `about in English`() {
        about()

        compose
            .onNodeWithText("Boundaries of Hanoi's 126 wards", substring = true)
            .assertIsDisplayed()
        compose.onNodeWithText("Licence: MIT").assertIsDisplayed()
    }

    @Test
    fun `alerts show severity, unread, and a tap marks one read`() {
        alerts()

        compose.onNodeWithText("Truyền thông, cảnh báo").assertIsDisplayed()
        compose.onNodeWithText("Khẩn cấp").assertIsDisplayed()
        compose.onNodeWithText("Ngập sâu phố Minh Khai · Chưa đọc").performClick()
        assertEquals(listOf("a1"), opened)
    }

    @Test
    @Config(qualifiers = "+en")
    fun `no alerts says so in English`() {
        alerts(emptyList())

        compose.onNodeWithText("News and alerts").assertIsDisplayed()
        compose.onNodeWithText("No alerts right now.").assertIsDisplayed()
    }

    @Test fun `golden about vi font 1_0`() = golden("about_vi_font1.0") { about() }

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden about en font 2_0`() = golden("about_en_font2.0") { about() }

    @Test fun `golden alerts vi font 1_0`() = golden("alerts_vi_font1.0") { alerts() }

    @Test
    @Config(fontScale = 2.0f)
    fun `golden alerts vi font 2_0`() = golden("alerts_vi_font2.0") { alerts() }

    @Test
    @Config(qualifiers = "+en")
    fun `golden alerts en font 1_0`() = golden("alerts_en_font1.0") { alerts() }

    @Test
    @Config(qualifiers = "+night")
    fun `golden alerts vi dark`() = golden("alerts_vi_dark") { alerts() }

    private fun golden(name: String, show: () -> Unit) {
        show()
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }

    private companion object {
        // The core's data_licences() and alerts() shapes (core/src/licences.rs, core/src/pull).
        val aboutState =
            AboutUiState(
                appVersion = "0.1.0",
                coreVersion = "0.1.0",
                licences =
                    listOf(
                        Licence(
                            Words(
                                "Ranh giới 126 phường, xã của Hà Nội (từ 1/7/2025)",
                                "Boundaries of Hanoi's 126 wards and communes (from 1 July 2025)",
                            ),
                            "github.com/thanglequoc/vietnamese-provinces-database",
                            "MIT",
                            "MIT License\n\nPermission is hereby granted, free of charge, …",
                        )
                    ),
            )

        val alertList =
            listOf(
                CityAlert(
                    "a1",
                    Words("Khẩn cấp", "Danger"),
                    danger = true,
                    title = Words("Ngập sâu phố Minh Khai", "Deep flooding on Minh Khai"),
                    body =
                        Words(
                            "Tránh đoạn từ Kim Ngưu đến Lạc Trung đến 18 giờ.",
                            "Avoid Kim Ngưu to Lạc Trung until 6 pm.",
                        ),
                    publishedAtMs = 1_780_000_000_000,
                    unread = true,
                ),
                CityAlert(
                    "a2",
                    Words("Thông báo", "Notice"),
                    danger = false,
                    title = Words("Lịch thu gom rác Tết", "Rubbish collection over Tết"),
                    body = Words("Thu gom rác như ngày thường.", "Collection as usual."),
                    publishedAtMs = 1_779_000_000_000,
                    unread = false,
                ),
            )
    }
}
