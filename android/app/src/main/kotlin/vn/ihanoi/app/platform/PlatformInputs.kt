package vn.ihanoi.app.platform

import java.io.IOException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import vn.ihanoi.app.data.DeviceLocation
import vn.ihanoi.app.data.PhotoInput
import vn.ihanoi.app.data.PhotoOrigin
import vn.ihanoi.core.model.LocationFix

/**
 * The new-report flow's photos from the platform: the camera app writing into the [inbox] (after
 * the camera permission, asked with its reason), or the system picker's photos copied into it. The
 * core is given the copies' file paths, never a `content://` address.
 */
class PlatformPhotoInput(
    private val inbox: PhotoInbox,
    private val results: ActivityResults,
    private val permissions: PermissionPrompter,
) : PhotoInput {
    override val folder: String
        get() = inbox.folder.path

    override suspend fun take(origin: PhotoOrigin): List<String> =
        when (origin) {
            PhotoOrigin.CAMERA -> listOfNotNull(capture())
            PhotoOrigin.GALLERY -> pick()
        }

    private suspend fun capture(): String? {
        if (!permissions.ensure(AppPermission.CAMERA)) return null
        val (file, uri) = withContext(Dispatchers.IO) { inbox.cameraTarget() }
        val taken = results.takePicture(uri)
        return withContext(Dispatchers.IO) {
            // A camera app that was cancelled may still have created the file, empty.
            if (taken && file.length() > 0) file.path else null.also { file.delete() }
        }
    }

    private suspend fun pick(): List<String> {
        val picked = results.pickPhotos()
        return withContext(Dispatchers.IO) {
            picked.mapNotNull { uri ->
                // One unreadable photo (its grant gone, too large) does not lose the others.
                try {
                    inbox.copyIn(uri).path
                } catch (_: IOException) {
                    null
                }
            }
        }
    }
}

/**
 * The phone's position for the new-report flow: the location permission asked with its reason when
 * the flow needs the position, then the framework's fix ([FrameworkLocation]); `null` when refused
 * (the core then offers the photo's position or asks for the pin).
 */
class PermittedLocation(
    private val location: FrameworkLocation,
    private val permissions: PermissionPrompter,
) : DeviceLocation {
    override suspend fun current(): LocationFix? =
        if (permissions.ensure(AppPermission.LOCATION)) location.current() else null
}
