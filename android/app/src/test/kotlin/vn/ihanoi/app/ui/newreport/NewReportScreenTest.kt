package vn.ihanoi.app.ui.newreport

import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.assertIsOn
import androidx.compose.ui.test.assertIsSelected
import androidx.compose.ui.test.hasContentDescription
import androidx.compose.ui.test.hasTestTag
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.performTextReplacement
import java.io.File
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
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
import vn.ihanoi.app.data.FieldChoice
import vn.ihanoi.app.data.FieldKind
import vn.ihanoi.app.data.FormField
import vn.ihanoi.app.data.MapPoint
import vn.ihanoi.app.data.NearbyReport
import vn.ihanoi.app.data.NearbyReports
import vn.ihanoi.app.data.PhotoOrigin
import vn.ihanoi.app.data.UrgencyLevel
import vn.ihanoi.app.data.UrgencyOption
import vn.ihanoi.app.data.WardShape
import vn.ihanoi.app.data.WardSurroundings
import vn.ihanoi.app.data.Words
import vn.ihanoi.app.testing.assertEndClearOf
import vn.ihanoi.app.testing.assertNoTextClipped
import vn.ihanoi.app.testing.captureScreen
import vn.ihanoi.app.testing.scrollContentToEnd
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

            override fun answer(code: String, values: List<String>) {
                calls += "answer $code ${values.joinToString("|")}"
            }

            override fun queue() {
                calls += "queue"
            }
        }

    private var shown by mutableStateOf<NewReportUiState?>(null)

    /** Shows [step] of [draft]; a second call in the same test replaces what is shown. */
    private fun show(
        step: NewReportStep,
        draft: DraftData = filled(),
        query: String = "",
        around: WardSurroundings? = surroundings,
        nearby: NearbyReports? = null,
    ) {
        val first = shown == null
        shown =
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
                surroundings = around,
                nearby = nearby,
            )
        if (first) {
            compose.setContent {
                IhanoiTheme { shown?.let { NewReportScreen(it, actions, onClose = { closed++ }) } }
            }
        }
        compose.waitForIdle()
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
    fun `the map draws the ward outlines around the pin and names them, for TalkBack too`() {
        show(NewReportStep.POSITION)

        compose
            .onNodeWithText("Phường Vĩnh Tuy: ghim nằm trong phường, xã này")
            .performScrollTo()
            .assertIsDisplayed()
        compose
            .onNodeWithText("Phường Tương Mai: cách ghim 62 m")
            .performScrollTo()
            .assertIsDisplayed()
        compose
            .onNodeWithContentDescription(
                "Bản đồ, ghim tại 20.99860, 105.86950, trong Phường Vĩnh Tuy. " +
                    "Ranh giới gần nhất: Phường Tương Mai, cách 62 m"
            )
            .assertExists()
    }

    @Test
    fun `outside every ward the map says so in the core's words`() {
        show(NewReportStep.POSITION, atSea(), around = outside)

        compose
            .onNodeWithText("Vị trí này nằm ngoài địa bàn Hà Nội.")
            .performScrollTo()
            .assertIsDisplayed()
        compose
            .onNodeWithContentDescription("Vị trí này nằm ngoài địa bàn Hà Nội.", substring = true)
            .assertExists()
    }

    @Test
    fun `the chosen category's form, every datatype, required marked, the core's problem at the field`() {
        show(NewReportStep.CATEGORY, withForm)

        compose.onNodeWithText("Thông tin thành phố cần cho loại này").performScrollTo()
        compose.onNodeWithText("Nếu có người gặp nguy hiểm", substring = true).assertExists()
        compose.onNodeWithText("Độ sâu nước (bắt buộc)").assertExists()
        compose.onNodeWithText("Vui lòng trả lời mục «Độ sâu nước».").assertExists()
        // A list's description that only repeats its keys is no help: not shown.
        compose.onNodeWithText("duoi_20cm", substring = true).assertDoesNotExist()
        compose.onNodeWithText("1–1000").assertExists()
        compose
            .onNodeWithText("cần một con số", substring = true)
            .performScrollTo()
            .assertIsDisplayed()

        compose.onNodeWithText("Trên 50 cm").performScrollTo().performClick()
        compose.onNodeWithText("Trường học").performScrollTo().performClick()
        compose.onNodeWithText("Nhà dân").assertIsOn()
        compose.onNodeWithText("Nhà dân").performClick()
        compose.onNodeWithText("Loài cây").performScrollTo().performTextInput("Sấu")
        compose.onNodeWithText("Điền thời điểm hiện tại").performScrollTo().performClick()

        assertEquals(
            listOf(
                "answer do_sau_nuoc tren_50cm",
                // Ticked, kept in the city's order; unticked, removed.
                "answer anh_huong nha_dan|truong_hoc",
                "answer anh_huong ",
                "answer loai_cay Sấu",
            ),
            calls.take(4),
        )
        assertTrue(
            calls.last(),
            Regex(
                    "answer bat_dau_luc \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)"
                )
                .matches(calls.last()),
        )
    }

    @Test
    fun `review lists the form's problems with the others and the answers given`() {
        show(NewReportStep.REVIEW, withForm)

        compose
            .onNodeWithText("• Vui lòng trả lời mục «Độ sâu nước».")
            .performScrollTo()
            .assertIsDisplayed()
        compose.onNodeWithText("Ảnh hưởng đến: Nhà dân").assertExists()
        compose.onNodeWithText("Gửi phản ánh").assertIsNotEnabled()
    }

    @Test
    fun `review shows the city's open reports nearby in the core's words, sending still allowed`() {
        show(NewReportStep.REVIEW, nearby = nearby())

        compose
            .onNodeWithText("Thành phố đã có 2 phản ánh", substring = true)
            .performScrollTo()
            .assertIsDisplayed()
        compose.onNodeWithText("Không kết nối được máy chủ", substring = true).assertExists()
        compose.onNodeWithText("Đang xử lý").assertExists()
        compose.onNodeWithText("cách 18 m").assertExists()
        compose
            .onNodeWithText("Nước ngập đến đầu gối ở đầu ngõ 12", substring = true)
            .assertExists()
        compose
            .onNodeWithContentDescription("Ảnh 1 của phản ánh gần đây 1")
            .performScrollTo()
            .assertIsDisplayed()
        compose.onNodeWithText("Gửi phản ánh").assertIsEnabled()
    }

    @Test fun `every step ends above the step buttons`() = everyStepEndsClear(large = false)

    @Test
    @Config(fontScale = 2.0f)
    fun `at 200 % every step ends in view, the step buttons following the content`() =
        everyStepEndsClear(large = true)

    /**
     * For each step: scrolled to the end, its last item is fully visible, above the fixed bar of
     * step buttons (font 1.0) or above the buttons that follow the content (font 2.0).
     */
    private fun everyStepEndsClear(large: Boolean) {
        val lastOf =
            mapOf(
                NewReportStep.PHOTOS to hasContentDescription("Xoá ảnh 2"),
                NewReportStep.POSITION to hasText("Phường Tương Mai: cách ghim 62 m"),
                NewReportStep.CATEGORY to hasText("Chi tiết thêm"),
                NewReportStep.DETAILS to hasText("Phức tạp"),
                NewReportStep.REVIEW to hasText("• Chưa có vị trí."),
            )
        for ((step, last) in lastOf) {
            val draft = if (step == NewReportStep.REVIEW) incomplete else withForm
            show(step, draft)
            val bar = compose.onAllNodes(hasTestTag(STEP_BAR_TAG)).fetchSemanticsNodes()
            val next = if (step == NewReportStep.REVIEW) "Gửi phản ánh" else "Tiếp"
            if (bar.isEmpty()) {
                // The buttons follow the content: they are its end, the item is above them.
                compose.assertEndClearOf(last, cover = hasText(next))
                compose.onNodeWithText(next).assertIsDisplayed()
            } else {
                compose.assertEndClearOf(last, cover = hasTestTag(STEP_BAR_TAG))
            }
            assertEquals("$step: fixed bar only at 100 %", !large, bar.isNotEmpty())
        }
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

    @Test
    fun `golden new form vi font 1_0`() =
        golden("new_form_vi_font1.0", NewReportStep.CATEGORY, withForm, scrollTo = FORM_VI)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden new form vi font 2_0`() =
        golden("new_form_vi_font2.0", NewReportStep.CATEGORY, withForm, scrollTo = FORM_VI)

    @Test
    @Config(qualifiers = "+en")
    fun `golden new form en font 1_0`() =
        golden("new_form_en_font1.0", NewReportStep.CATEGORY, withForm, scrollTo = FORM_EN)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden new form en font 2_0`() =
        golden("new_form_en_font2.0", NewReportStep.CATEGORY, withForm, scrollTo = FORM_EN)

    @Test
    fun `golden new review form vi font 1_0`() =
        golden("new_review_form_vi_font1.0", NewReportStep.REVIEW, withForm)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden new review form vi font 2_0`() =
        golden("new_review_form_vi_font2.0", NewReportStep.REVIEW, withForm)

    @Test
    @Config(qualifiers = "+en")
    fun `golden new review form en font 1_0`() =
        golden("new_review_form_en_font1.0", NewReportStep.REVIEW, withForm)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden new review form en font 2_0`() =
        golden("new_review_form_en_font2.0", NewReportStep.REVIEW, withForm)

    @Test
    fun `golden new position outside vi font 1_0`() =
        golden("new_position_outside_vi_font1.0", NewReportStep.POSITION, atSea(), around = outside)

    @Test
    @Config(fontScale = 2.0f)
    fun `golden new position outside vi font 2_0`() =
        golden("new_position_outside_vi_font2.0", NewReportStep.POSITION, atSea(), around = outside)

    @Test
    @Config(qualifiers = "+en")
    fun `golden new position outside en font 1_0`() =
        golden("new_position_outside_en_font1.0", NewReportStep.POSITION, atSea(), around = outside)

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden new position outside en font 2_0`() =
        golden("new_position_outside_en_font2.0", NewReportStep.POSITION, atSea(), around = outside)

    @Test
    fun `golden new review nearby vi font 1_0`() =
        golden(
            "new_review_nearby_vi_font1.0",
            NewReportStep.REVIEW,
            toEnd = true,
            nearby = nearby(),
        )

    @Test
    @Config(fontScale = 2.0f)
    fun `golden new review nearby vi font 2_0`() =
        golden(
            "new_review_nearby_vi_font2.0",
            NewReportStep.REVIEW,
            toEnd = true,
            nearby = nearby(),
        )

    @Test
    @Config(qualifiers = "+en")
    fun `golden new review nearby en font 1_0`() =
        golden(
            "new_review_nearby_en_font1.0",
            NewReportStep.REVIEW,
            toEnd = true,
            nearby = nearby(),
        )

    @Test
    @Config(qualifiers = "+en", fontScale = 2.0f)
    fun `golden new review nearby en font 2_0`() =
        golden(
            "new_review_nearby_en_font2.0",
            NewReportStep.REVIEW,
            toEnd = true,
            nearby = nearby(),
        )

    private fun golden(
        name: String,
        step: NewReportStep,
        draft: DraftData = filled(),
        around: WardSurroundings? = surroundings,
        scrollTo: String? = null,
        nearby: NearbyReports? = null,
        toEnd: Boolean = false,
    ) {
        show(step, draft, around = around, nearby = nearby)
        scrollTo?.let { compose.onNodeWithText(it).performScrollTo() }
        if (toEnd) compose.scrollContentToEnd()
        compose.assertNoTextClipped()
        compose.captureScreen(name)
    }

    /** What the core answers about others' reports nearby (core/src/nearby), kept from earlier. */
    private fun nearby() =
        NearbyReports(
            heading =
                Words(
                    "Thành phố đã có 2 phản ánh cùng lĩnh vực đang mở trong vòng 50 m: có thể sự việc đã được biết.",
                    "The city already has 2 open reports of this category within 50 m: the problem may already be known.",
                ),
            freshness =
                Words(
                    "Không kết nối được máy chủ của thành phố: đây là kết quả đã lưu 3 giờ trước.",
                    "The city's server could not be reached: this is the answer saved 3 h ago.",
                ),
            reports =
                listOf(
                    NearbyReport(
                        "4412",
                        Words("Đang xử lý", "In progress"),
                        18,
                        "Nước ngập đến đầu gối ở đầu ngõ 12, xe máy chết máy…",
                        "Ngõ 12 Minh Khai",
                        listOf(
                            thumbnail("n1.jpg", android.graphics.Color.rgb(70, 90, 110)),
                            thumbnail("n2.jpg", android.graphics.Color.rgb(110, 100, 80)),
                        ),
                    ),
                    NearbyReport(
                        "4398",
                        Words("Đã tiếp nhận", "Accepted"),
                        41,
                        "",
                        null,
                        emptyList(),
                    ),
                ),
        )

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

    /**
     * A flooding report whose city form has one question of each kind, two of them unanswered or
     * wrong.
     */
    private val withForm: DraftData
        get() =
            filled()
                .copy(
                    categoryCode = "ngap_ung",
                    category = Words("Ngập úng", "Flooding"),
                    form = floodForm,
                    problems = listOf(depthMissing, treesInvalid),
                    warnings = emptyList(),
                    canQueue = false,
                )

    /** A draft whose pin is outside Hanoi: the core routes it to no ward. */
    private fun atSea() = filled().copy(position = position.copy(areaName = null))

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

        // The reference city's forms (tests/city-api, the city-forms profile) as the core's
        // city_text splits them; the problems are the core's (core/src/forms).
        val depthMissing =
            Words("Vui lòng trả lời mục «Độ sâu nước».", "Please answer “Water depth”.")
        val treesInvalid =
            Words(
                "Mục «Số cây»: cần một con số (ví dụ 1,5).",
                "“Number of trees”: a number is needed (e.g. 1.5).",
            )

        val floodForm =
            listOf(
                FormField(
                    "luu_y",
                    FieldKind.STRING,
                    required = false,
                    asked = false,
                    label =
                        Words(
                            "Nếu có người gặp nguy hiểm, gọi 114",
                            "If anyone is in danger, call 114",
                        ),
                    help = null,
                    choices = emptyList(),
                    values = emptyList(),
                    problem = null,
                ),
                FormField(
                    "do_sau_nuoc",
                    FieldKind.SINGLE_CHOICE,
                    required = true,
                    asked = true,
                    label = Words("Độ sâu nước", "Water depth"),
                    help = null,
                    choices =
                        listOf(
                            FieldChoice("duoi_20cm", Words("Dưới 20 cm", "Below 20 cm")),
                            FieldChoice("20_50cm", Words("20–50 cm", "20–50 cm")),
                            FieldChoice("tren_50cm", Words("Trên 50 cm", "Above 50 cm")),
                        ),
                    values = emptyList(),
                    problem = depthMissing,
                ),
                FormField(
                    "anh_huong",
                    FieldKind.MULTI_CHOICE,
                    required = false,
                    asked = true,
                    label = Words("Ảnh hưởng đến", "Affecting"),
                    help = null,
                    choices =
                        listOf(
                            FieldChoice("duong", Words("Đường đi", "Roads")),
                            FieldChoice("nha_dan", Words("Nhà dân", "Homes")),
                            FieldChoice("truong_hoc", Words("Trường học", "Schools")),
                        ),
                    values = listOf("nha_dan"),
                    problem = null,
                ),
                FormField(
                    "bat_dau_luc",
                    FieldKind.DATETIME,
                    required = false,
                    asked = true,
                    label = Words("Ngập từ lúc", "Flooded since"),
                    help = Words("2026-12-07T08:30:00+07:00", "2026-12-07T08:30:00+07:00"),
                    choices = emptyList(),
                    values = emptyList(),
                    problem = null,
                ),
                FormField(
                    "so_cay",
                    FieldKind.NUMBER,
                    required = false,
                    asked = true,
                    label = Words("Số cây", "Number of trees"),
                    help = Words("1–1000", "1–1000"),
                    choices = emptyList(),
                    values = listOf("nhiều"),
                    problem = treesInvalid,
                ),
                FormField(
                    "loai_cay",
                    FieldKind.STRING,
                    required = false,
                    asked = true,
                    label = Words("Loài cây", "Tree species"),
                    help = null,
                    choices = emptyList(),
                    values = emptyList(),
                    problem = null,
                ),
                FormField(
                    "chi_tiet",
                    FieldKind.TEXT,
                    required = false,
                    asked = true,
                    label = Words("Chi tiết thêm", "More details"),
                    help = null,
                    choices = emptyList(),
                    values = emptyList(),
                    problem = null,
                ),
            )

        // The form's last field: scrolled to, the golden shows the fields above it.
        const val FORM_VI = "Chi tiết thêm"
        const val FORM_EN = "More details"

        /** A rectangle [west, east] × [south, north] in metres from the pin, closed. */
        fun rectangle(west: Double, east: Double, south: Double, north: Double): List<MapPoint> {
            val perLat = 111_320.0
            val perLon = perLat * kotlin.math.cos(Math.toRadians(position.lat))
            fun at(x: Double, y: Double) =
                MapPoint(position.lat + y / perLat, position.lon + x / perLon)
            return listOf(
                at(west, south),
                at(east, south),
                at(east, north),
                at(west, north),
                at(west, south),
            )
        }

        // The pin in Vĩnh Tuy, a boundary 62 m west of it and another 140 m south.
        val surroundings =
            WardSurroundings(
                listOf(
                    WardShape(
                        "09733",
                        Words("Phường Vĩnh Tuy", "Vinh Tuy Ward"),
                        holdsPin = true,
                        distanceM = 62.0,
                        rings = listOf(rectangle(-62.0, 2000.0, -140.0, 2000.0)),
                    ),
                    WardShape(
                        "09730",
                        Words("Phường Tương Mai", "Tuong Mai Ward"),
                        holdsPin = false,
                        distanceM = 62.0,
                        rings = listOf(rectangle(-2000.0, -62.0, -2000.0, 2000.0)),
                    ),
                    WardShape(
                        "09745",
                        Words("Phường Hoàng Mai", "Hoang Mai Ward"),
                        holdsPin = false,
                        distanceM = 140.0,
                        rings = listOf(rectangle(-62.0, 2000.0, -2000.0, -140.0)),
                    ),
                ),
                note = null,
            )

        val outside =
            WardSurroundings(
                emptyList(),
                Words("Vị trí này nằm ngoài địa bàn Hà Nội.", "This position is outside Hanoi."),
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
                CategoryOption(
                    "ngap_ung",
                    Words("Ngập úng", "Flooding"),
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
