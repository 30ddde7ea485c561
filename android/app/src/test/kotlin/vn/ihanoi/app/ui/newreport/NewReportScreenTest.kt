package vn.ihanoi.app.ui.newreport

import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.assertIsSelected
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.performTextReplacement
import java.io.File
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.data.CategoryOption
import vn.ihanoi.app.data.DraftData
import vn.ihanoi.app.data.DraftPhoto
import vn.ihanoi.app.data.DraftPosition
import vn.ihanoi.app.data.PhotoOrigin
import vn.ihanoi.app.data.UrgencyLevel
import vn.ihanoi.app.data.UrgencyOption
import vn.ihanoi.app.data.Words
import vn.ihanoi.app.testing.assertNoTextClipped
import vn.ihanoi.app.testing.captureScreen
import vn.ihanoi.app.ui.theme.IhanoiTheme

/**
 * The new-report flow's screen under Robolectric: each step's words (the core's in vi and en), the
 * Vietnamese labels TalkBack reads, which actions are enabled, what a tap asks of the state holder,
 * and golden images of every step at 100 % and 200 % font scale.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class NewReportScreenTest {
    @get:Rule val compose = createComposeRule()

    @get:Rule val files = TemporaryFolder()

    private val calls = mutableListOf<String>()
    private var closed = 0

    private val actions =
        object : NewReportActions {
            override fun goTo(step: NewReportStep) {
                calls += "goTo $step"
            }

            override fun next() {
                calls += "next"
            }

            override fun previous() {
                calls += "previous"
            }

            override fun addPhotos(origin: PhotoOrigin) {
                calls += "addPhotos $origin"
            }

            override fun removePhoto(photoId: String) {
                calls += "remove $photoId"
            }

            override fun movePhoto(photoId: String, by: Int) {
                calls += "move $photoId $by"
            }

            override fun locate() {
                calls += "locate"
            }

            override fun placePin(lat: Double, lon: Double) {
                calls += "pin"
            }

            override fun searchCategories(query: String) {
                calls += "search $query"
            }

            override fun chooseCategory(code: String) {
                calls += "category $code"
            }

            override fun editDescription(text: String) {
                calls += "description $text"
            }

            override fun editAddress(text: String) {
                calls += "address $text"
            }

            override fun chooseUrgency(level: UrgencyLevel) {
                calls += "urgency $level"
            }

            override fun queue() {
                calls += "queue"
            }
        }

    private fun show(step: NewReportStep, draft: DraftData = filled(), query: String = "") {
        compose.setContent {
            IhanoiTheme {
                NewReportScreen(
                    NewReportUiState.Editing(
                        step = step,
                        draft = draft,
                        description = draft.description,
                        address = draft.address,
                        categoryQuery = query,
                        categories = categories,
                        urgencies = urgencies,
                        busy = false,
                        nothingFound = false,
                        queued = false,
                    ),
                    actions,
                    onClose = { closed++ },
                )
            }
        }
    }

    @Test
    fun `photos step, thumbnails labelled in Vietnamese, reorder and remove by photo`() {
        show(NewReportStep.PHOTOS)

        compose.onNodeWithText("Bước 1/5: Ảnh").assertIsDisplayed()
        compose.onNodeWithContentDescription("Ảnh 1 trên 2").assertIsDisplayed()
        compose.onNodeWithContentDescription("Đưa ảnh 1 lên trước").assertIsNotEnabled()
        compose.onNodeWithContentDescription("Đưa ảnh 2 lên trước").performScrollTo().performClick()
        compose.onNodeWithContentDescription("Đưa ảnh 2 xuống sau").assertIsNotEnabled()
        compose.onNodeWithContentDescription("Xoá ảnh 1").performClick()
        compose.onNodeWithText("Chụp ảnh").performClick()
        compose.onNodeWithText("Chọn ảnh có sẵn").performClick()
        compose.onNodeWithText("Tiếp").performClick()
        compose.onNodeWithText("Quay lại").performClick()

        assertEquals(
            listOf("move p2 -1", "remove p1", "addPhotos CAMERA", "addPhotos GALLERY", "next"),
            calls,
        )
        assertEquals(1, closed)
    }

    @Test
    fun `position step, the core's verdict, the ward found, a map that places the pin`() {
        show(NewReportStep.POSITION)

        compose.onNodeWithText("Nguồn: GPS của máy").assertIsDisplayed()
        compose.onNodeWithText("Độ chính xác: tốt").assertIsDisplayed()
        compose.onNodeWithText("Phường, xã: Phường Vĩnh Tuy").assertIsDisplayed()
        compose.onNodeWithContentDescription("Bản đồ, ghim tại", substring = true).performClick()
        compose.onNodeWithText("Lấy vị trí hiện tại").performClick()
        compose.onNodeWithText("Bước trước").performClick()

        assertEquals(listOf("pin", "locate", "previous"), calls)
    }

    @Test
    fun `a poor position says so and an outside one has no ward`() {
        show(
            NewReportStep.POSITION,
            filled()
                .copy(
                    position =
                        position.copy(
                            quality = Words("kém, nên xác nhận trên bản đồ", "poor"),
                            needsConfirmation = true,
                            areaName = null,
                        )
                ),
        )

        compose.onNodeWithText("Độ chính xác: kém, nên xác nhận trên bản đồ").assertIsDisplayed()
        compose.onNodeWithText("không thuộc phường, xã nào", substring = true).assertIsDisplayed()
    }

    @Test
    fun `category step, search text goes to the core's search, a tap chooses`() {
        show(NewReportStep.CATEGORY)

        compose.onNodeWithText("Ổ gà, hư hỏng mặt đường").assertIsSelected()
        compose.onNodeWithText("Đã chọn").assertIsDisplayed()
        compose.onNodeWithText("Tìm loại sự việc", substring = true).performTextInput("rac")
        compose.onNodeWithText("Rác thải, vệ sinh").performClick()

        assertEquals(listOf("search rac", "category RT"), calls)
    }

    @Test
    fun `details step, description, address and the core's urgency words`() {
        show(NewReportStep.DETAILS)

        compose.onNodeWithText("Mô tả sự việc").assertIsDisplayed()
        compose.onNodeWithText("Bình thường").assertIsDisplayed()
        compose.onNodeWithText("Khẩn cấp").performClick()
        compose
            .onNodeWithText("Địa chỉ", substring = true)
            .performTextReplacement("Số 12 Minh Khai, gần chợ")

        assertEquals("urgency URGENT", calls.first())
        assertEquals("address Số 12 Minh Khai, gần chợ", calls.last())
    }

    @Test
    fun `review lists every problem at once and offers no send`() {
        show(NewReportStep.REVIEW, incomplete)

        // Every problem the core listed, at once (the list's bullets; the summary says more).
        for (problem in incomplete.problems) {
            compose.onNodeWithText("• " + problem.vi).performScrollTo().assertIsDisplayed()
        }
        compose.onNodeWithText("Gửi phản ánh").assertIsNotEnabled()
    }

    @Test
    fun `review of a ready draft shows the warnings and sends`() {
        show(NewReportStep.REVIEW)

        compose.onNodeWithText("Đủ thông tin để gửi", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Ảnh 1 chụp đã hơn 7 ngày", substring = true).assertIsDisplayed()
        compose.onNodeWithText("Gửi phản ánh").assertIsEnabled().performClick()
        assertEquals(listOf("queue"), calls)
    }

    @Test
    @Config(qualifiers = "+en")
    fun `in English the core's English words`() {
        show(NewReportStep.POSITION)

        compose.onNodeWithText("Step 2 of 5: Location").assertIsDisplayed()
        compose.onNodeWithText("Accuracy: good").assertIsDisplayed()
        compose.onNodeWithText("Source: device GPS").assertIsDisplayed()
    }

    @Test
    fun `golden new photos vi font 1_0`() = golden("new_photos_vi_font1.0", NewReportStep.PHOTOS)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden new photos vi font 2_0`() = golden("new_photos_vi_font2.0", NewReportStep.PHOTOS)

    @Test
    @Config(qualifiers = "+en")
    fun `golden new photos en font 1_0`() = golden("new_photos_en_font1.0", NewReportStep.PHOTOS)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden new photos en font 2_0`() = golden("new_photos_en_font2.0", NewReportStep.PHOTOS)

    @Test
    fun `golden new position vi font 1_0`() =
        golden("new_position_vi_font1.0", NewReportStep.POSITION)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden new position vi font 2_0`() =
        golden("new_position_vi_font2.0", NewReportStep.POSITION)

    @Test
    @Config(qualifiers = "+en")
    fun `golden new position en font 1_0`() =
        golden("new_position_en_font1.0", NewReportStep.POSITION)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden new position en font 2_0`() =
        golden("new_position_en_font2.0", NewReportStep.POSITION)

    @Test
    @Config(qualifiers = "+night")
    fun `golden new position vi dark`() = golden("new_position_vi_dark", NewReportStep.POSITION)

    @Test
    fun `golden new category vi font 1_0`() =
        golden("new_category_vi_font1.0", NewReportStep.CATEGORY)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden new category en font 2_0`() =
        golden("new_category_en_font2.0", NewReportStep.CATEGORY)

    @Test
    fun `golden new details vi font 1_0`() = golden("new_details_vi_font1.0", NewReportStep.DETAILS)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden new details vi font 2_0`() = golden("new_details_vi_font2.0", NewReportStep.DETAILS)

    @Test
    @Config(qualifiers = "+en")
    fun `golden new details en font 1_0`() = golden("new_details_en_font1.0", NewReportStep.DETAILS)

    @Test
    fun `golden new review vi font 1_0`() =
        golden("new_review_vi_font1.0", NewReportStep.REVIEW, incomplete)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden new review vi font 2_0`() =
        golden("new_review_vi_font2.0", NewReportStep.REVIEW, incomplete)

    @Test
    @Config(qualifiers = "+en")
    fun `golden new review en font 1_0`() = golden("new_review_en_font1.0", NewReportStep.REVIEW)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden new review en font 2_0`() = golden("new_review_en_font2.0", NewReportStep.REVIEW)

    @Test
    @Config(qualifiers = "+night")
    fun `golden new review vi dark`() = golden("new_review_vi_dark", NewReportStep.REVIEW)

    private fun golden(name: String, step: NewReportStep, draft: DraftData = filled()) {
        show(step, draft)
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }

    /** A thumbnail file as the core writes them (a small JPEG made here). */
    private fun thumbnail(name: String, colour: Int): String {
        val bitmap =
            android.graphics.Bitmap.createBitmap(64, 48, android.graphics.Bitmap.Config.ARGB_8888)
        bitmap.eraseColor(colour)
        val file = File(files.root, name)
        file.outputStream().use {
            bitmap.compress(android.graphics.Bitmap.CompressFormat.JPEG, 90, it)
        }
        return file.path
    }

    private fun filled() =
        DraftData(
            id = "r1",
            photos =
                listOf(
                    DraftPhoto(
                        "p1",
                        thumbnail("p1.jpg", android.graphics.Color.rgb(120, 110, 90)),
                        listOf(Words("Ảnh chụp đã hơn 7 ngày", "Taken more than 7 days ago")),
                    ),
                    DraftPhoto(
                        "p2",
                        thumbnail("p2.jpg", android.graphics.Color.rgb(80, 100, 130)),
                        emptyList(),
                    ),
                ),
            position = position,
            categoryCode = "OGA",
            category = Words("Ổ gà, hư hỏng mặt đường", "Potholes"),
            description = "Ổ gà lớn giữa đường Minh Khai",
            address = "Số 12 Minh Khai",
            urgency = UrgencyLevel.NORMAL,
            urgencyLabel = Words("Bình thường", "Normal"),
            problems = emptyList(),
            warnings =
                listOf(
                    Words(
                        "Ảnh 1 chụp đã hơn 7 ngày: kiểm tra đúng sự việc hiện tại.",
                        "Photo 1 was taken more than 7 days ago: check it shows the problem now.",
                    )
                ),
            canQueue = true,
        )

    private companion object {
        // The core's words (core/src/location, core/src/reports, the shipped categories).
        val position =
            DraftPosition(
                lat = 20.9986,
                lon = 105.8695,
                source = Words("GPS của máy", "device GPS"),
                quality = Words("tốt", "good"),
                needsConfirmation = false,
                areaName = "Phường Vĩnh Tuy",
                ambiguous = false,
            )

        val incomplete =
            DraftData(
                id = "r2",
                photos = emptyList(),
                position = null,
                categoryCode = null,
                category = null,
                description = "",
                address = "",
                urgency = UrgencyLevel.NORMAL,
                urgencyLabel = Words("Bình thường", "Normal"),
                problems =
                    listOf(
                        Words("Chưa chọn loại sự việc.", "No category chosen."),
                        Words("Chưa có mô tả.", "No description yet."),
                        Words("Chưa có ảnh nào.", "No photo yet."),
                        Words("Chưa có vị trí.", "No location yet."),
                    ),
                warnings = emptyList(),
                canQueue = false,
            )

        val categories =
            listOf(
                CategoryOption(
                    "OGA",
                    Words("Ổ gà, hư hỏng mặt đường", "Potholes"),
                    Words("Giao thông", "Roads"),
                    Words("", ""),
                ),
                CategoryOption(
                    "RT",
                    Words("Rác thải, vệ sinh", "Rubbish"),
                    Words("Môi trường", "Environment"),
                    Words("", ""),
                ),
            )

        val urgencies =
            listOf(
                UrgencyOption(UrgencyLevel.NORMAL, Words("Bình thường", "Normal")),
                UrgencyOption(UrgencyLevel.URGENT, Words("Khẩn cấp", "Urgent")),
                UrgencyOption(UrgencyLevel.COMPLEX, Words("Phức tạp", "Complex")),
            )
    }
}
