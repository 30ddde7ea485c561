package vn.ihanoi.app.platform

import android.net.Uri
import androidx.activity.result.ActivityResultLauncher
import androidx.activity.result.ActivityResultRegistry
import androidx.activity.result.PickVisualMediaRequest
import androidx.activity.result.contract.ActivityResultContracts
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.LifecycleEventObserver
import androidx.lifecycle.LifecycleOwner
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext

/**
 * The system screens the app asks things of (camera app, photo picker, permission prompt) as
 * suspending calls. It lives as long as the process (in the AppContainer): the activity registers
 * its launchers on each creation ([attach]), so an answer that arrives after a rotation recreated
 * the activity still reaches the call waiting here. One system screen at a time; with no activity
 * attached (the app in the background) every call answers "cancelled".
 */
class ActivityResults(private val maxPhotos: Int = 5) {
    private var takePicture: ActivityResultLauncher<Uri>? = null
    private var pickPhotos: ActivityResultLauncher<PickVisualMediaRequest>? = null
    private var permissions: ActivityResultLauncher<Array<String>>? = null
    private var pending: CompletableDeferred<Any?>? = null
    private val oneAtATime = Mutex()

    /**
     * Registers the launchers on [registry] for [owner]'s life (call from `onCreate`, before the
     * activity starts). The keys stay the same across recreations, so the registry hands a result
     * that came back meanwhile to the new callbacks.
     */
    fun attach(registry: ActivityResultRegistry, owner: LifecycleOwner) {
        val camera =
            registry.register(KEY_CAMERA, owner, ActivityResultContracts.TakePicture()) {
                deliver(it)
            }
        val picker =
            registry.register(
                KEY_PICKER,
                owner,
                ActivityResultContracts.PickMultipleVisualMedia(maxPhotos),
            ) {
                deliver(it)
            }
        val prompt =
            registry.register(
                KEY_PERMISSIONS,
                owner,
                ActivityResultContracts.RequestMultiplePermissions(),
            ) {
                deliver(it)
            }
        takePicture = camera
        pickPhotos = picker
        permissions = prompt
        owner.lifecycle.addObserver(
            LifecycleEventObserver { _, event ->
                // Only this activity's launchers go: a recreated one may already have attached.
                if (event == Lifecycle.Event.ON_DESTROY && takePicture === camera) {
                    takePicture = null
                    pickPhotos = null
                    permissions = null
                }
            }
        )
    }

    /** The camera app writes a photo to [target] (a FileProvider address); false if cancelled. */
    suspend fun takePicture(target: Uri): Boolean =
        launch(false) { takePicture?.launch(target) != null } as Boolean

    /** The system photo picker (images only); the chosen addresses, empty if cancelled. */
    @Suppress("UNCHECKED_CAST")
    suspend fun pickPhotos(): List<Uri> =
        launch(emptyList<Uri>()) {
            val request =
                PickVisualMediaRequest.Builder()
                    .setMediaType(ActivityResultContracts.PickVisualMedia.ImageOnly)
                    .build()
            pickPhotos?.launch(request) != null
        }
            as List<Uri>

    /** The system's permission prompt; which of [names] were granted (none if none was asked). */
    @Suppress("UNCHECKED_CAST")
    suspend fun requestPermissions(vararg names: String): Map<String, Boolean> =
        launch(emptyMap<String, Boolean>()) { permissions?.launch(arrayOf(*names)) != null }
            as Map<String, Boolean>

    private suspend fun launch(cancelled: Any, start: () -> Boolean): Any? =
        oneAtATime.withLock {
            val answer = CompletableDeferred<Any?>()
            val started =
                withContext(Dispatchers.Main.immediate) {
                    pending = answer
                    start().also { if (!it) pending = null }
                }
            if (!started) cancelled else answer.await() ?: cancelled
        }

    private fun deliver(result: Any?) {
        val waiting = pending
        pending = null
        waiting?.complete(result)
    }

    private companion object {
        const val KEY_CAMERA = "ihanoi.camera"
        const val KEY_PICKER = "ihanoi.picker"
        const val KEY_PERMISSIONS = "ihanoi.permissions"
    }
}
