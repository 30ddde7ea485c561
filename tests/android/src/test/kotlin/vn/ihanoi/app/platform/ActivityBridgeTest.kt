package vn.ihanoi.app.platform

import android.Manifest
import android.app.Application
import android.net.Uri
import androidx.activity.result.ActivityResultRegistry
import androidx.activity.result.contract.ActivityResultContract
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.core.app.ActivityOptionsCompat
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.LifecycleOwner
import androidx.lifecycle.LifecycleRegistry
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.coretests.CoreTestRunner
import vn.ihanoi.app.data.CoreNewReportRepository
import vn.ihanoi.app.data.PhotoOrigin
import vn.ihanoi.app.ui.common.PermissionPrompts
import vn.ihanoi.app.ui.theme.IhanoiTheme
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.tests.support.SharedData

/**
 * The activity-result bridge and the permissions asked through it, over Robolectric's content
 * resolver and the real core: what the system screens answer (a registry standing in for the
 * activity's, answering as the picker or the permission prompt would) reaches the core as files.
 */
@RunWith(CoreTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class ActivityBridgeTest {
    @get:Rule val compose = createComposeRule()

    @get:Rule val dataDir = TemporaryFolder()

    private lateinit var phone: Phone
    private val launched = mutableListOf<String>()
    private var pickerAnswer: List<Uri> = emptyList()
    private var permissionAnswer = false

    /** Answers at once, as the system screen would once the resident is done. */
    private val registry =
        object : ActivityResultRegistry() {
            override fun <I, O> onLaunch(
                requestCode: Int,
                contract: ActivityResultContract<I, O>,
                input: I,
                options: ActivityOptionsCompat?,
            ) {
                val result: Any =
                    when (contract) {
                        is ActivityResultContracts.PickMultipleVisualMedia -> {
                            launched += "picker"
                            pickerAnswer
                        }
                        is ActivityResultContracts.RequestMultiplePermissions -> {
                            @Suppress("UNCHECKED_CAST") val names = input as Array<String>
                            launched += "prompt ${names.joinToString()}"
                            names.associateWith { permissionAnswer }
                        }
                        else -> error("not expected here: $contract")
                    }
                @Suppress("UNCHECKED_CAST") dispatchResult(requestCode, result as O)
            }
        }

    private val results = ActivityResults()
    private lateinit var prompter: PermissionPrompter

    @Before
    fun open() {
        phone = Phone(dataDir.newFolder("core"))
        // The activity's life: launchers registered while created, results delivered once started.
        val owner =
            object : LifecycleOwner {
                val registryOfLife = LifecycleRegistry.createUnsafe(this)
                override val lifecycle: Lifecycle
                    get() = registryOfLife
            }
        owner.registryOfLife.currentState = Lifecycle.State.CREATED
        results.attach(registry, owner)
        owner.registryOfLife.currentState = Lifecycle.State.RESUMED
        prompter =
            PermissionPrompter(phone.context, { results.requestPermissions(*it.toTypedArray()) })
    }

    @After fun close() = phone.close()

    private fun pickable(name: String): Pair<Uri, ByteArray> {
        val bytes = SharedData.file("photos", name).toFile().readBytes()
        val uri = Uri.parse("content://media.picker.test/photo/$name")
        shadowOf(phone.context.contentResolver).registerInputStream(uri, bytes.inputStream())
        return uri to bytes
    }

    private fun repository() =
        CoreNewReportRepository(
            phone.core,
            PlatformPhotoInput(PhotoInbox(phone.context), results, prompter),
            PermittedLocation(FrameworkLocation(phone.context), prompter),
        )

    @Test
    fun `the picker's content address reaches the core as a copied file's path`() {
        val (uri, bytes) = pickable("phone-12mp-rot6-hanoi.jpg")
        pickerAnswer = listOf(uri)
        val input = PlatformPhotoInput(PhotoInbox(phone.context), results, prompter)

        val paths = runBlocking { input.take(PhotoOrigin.GALLERY) }

        assertEquals(listOf("picker"), launched)
        val copied = java.io.File(paths.single())
        assertEquals(
            PhotoInbox(phone.context).folder.canonicalPath,
            copied.parentFile!!.canonicalPath,
        )
        assertArrayEquals(bytes, copied.readBytes())
        // Choosing photos needs no permission: the picker runs outside the app.
        assertEquals(null, prompter.asking.value)

        // Through the new-report flow's repository: the core takes it by that path.
        val id = phone.core.createDraft().id
        pickerAnswer = listOf(pickable("phone-13mp-xiaomi-rot6-hanoi.jpg").first)
        assertEquals(1, runBlocking { repository().addPhotos(id, PhotoOrigin.GALLERY) })
        assertEquals(1, phone.core.photos(id).size)
    }

    @Test
    fun `a cancelled picker gives nothing and asks the core for nothing`() {
        pickerAnswer = emptyList()
        val id = phone.core.createDraft().id
        assertEquals(0, runBlocking { repository().addPhotos(id, PhotoOrigin.GALLERY) })
        assertTrue(phone.core.photos(id).isEmpty())
    }

    @Test
    fun `a refused position - the reason first, then what to do, and the core next step`() {
        val id = phone.core.createDraft().id
        pickerAnswer = listOf(pickable("phone-12mp-rot6-hanoi.jpg").first)
        runBlocking { repository().addPhotos(id, PhotoOrigin.GALLERY) }
        launched.clear()
        compose.setContent { IhanoiTheme { PermissionPrompts(prompter) } }

        val located = CoroutineScope(Dispatchers.IO).async { repository().locate(id) }
        // The app's reason comes before any system prompt.
        compose.waitUntil(10_000) {
            compose
                .onAllNodes(hasText("Vị trí giúp tìm đúng phường", substring = true))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }
        assertTrue(launched.isEmpty())
        permissionAnswer = false
        compose.onNodeWithText("Cho phép").performClick()

        // The system refused: the note says what works without it.
        compose.waitUntil(10_000) {
            compose
                .onAllNodes(hasText("hoặc đặt ghim trên bản đồ", substring = true))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }
        assertEquals(
            listOf(
                "prompt ${Manifest.permission.ACCESS_FINE_LOCATION}, " +
                    Manifest.permission.ACCESS_COARSE_LOCATION
            ),
            launched,
        )
        compose.waitUntil(10_000) { located.isCompleted }
        // The core's next step without the phone's position: the photo's own GPS.
        assertTrue(runBlocking { located.await() })
        val position = requireNotNull(phone.core.reportLocation(id))
        assertEquals(LocationSource.PHOTO_EXIF, position.fix.source)
        compose.onNodeWithText("Đóng").performClick()
        compose.onNodeWithText("hoặc đặt ghim trên bản đồ", substring = true).assertDoesNotExist()
    }

    @Test
    fun `"not now" to notifications is remembered, a granted permission is not asked`() {
        val offered =
            CoroutineScope(Dispatchers.IO).async { prompter.offer(AppPermission.NOTIFICATIONS) }
        runBlocking { prompter.asking.first { it == AppPermission.NOTIFICATIONS } }
        prompter.answer(false)
        assertFalse(runBlocking { offered.await() })
        assertTrue(prompter.saidNotNow(AppPermission.NOTIFICATIONS))
        // The next queued report does not ask again (no reason shown, no prompt).
        assertFalse(runBlocking { prompter.offer(AppPermission.NOTIFICATIONS) })
        assertEquals(null, prompter.asking.value)

        shadowOf(phone.context as Application).grantPermissions(Manifest.permission.CAMERA)
        assertTrue(runBlocking { prompter.ensure(AppPermission.CAMERA) })
        assertTrue(launched.isEmpty())
    }
}
