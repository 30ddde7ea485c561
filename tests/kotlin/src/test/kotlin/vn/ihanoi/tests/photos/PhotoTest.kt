package vn.ihanoi.tests.photos

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.defaultCompressOptions
import vn.ihanoi.core.model.ErrorKind
import vn.ihanoi.core.model.PhotoSource
import vn.ihanoi.tests.support.SharedData
import vn.ihanoi.tests.support.withCore

/** A real phone photo attached through the generated Kotlin API (suspend call). */
class PhotoTest {
    @TempDir
    lateinit var dataDir: Path

    @Test
    fun `a real photo is attached upright, small and with its EXIF facts`() = withCore(dataDir) { core ->
        val photo = SharedData.file("photos", "phone-12mp-rot6-hanoi.jpg")
        core.setPhotoInputDirs(listOf(photo.parent.toString()))
        val draft = core.createDraft()

        val attached = TaskHandle().use { token ->
            runBlocking {
                core.attachPhoto(draft.id, photo.toString(), PhotoSource.CAMERA, defaultCompressOptions(), token)
            }
        }

        // 4000x3000 with EXIF orientation 6: stored upright as 1200x1600.
        assertEquals(1200u, attached.width)
        assertEquals(1600u, attached.height)
        assertTrue(attached.bytes <= 400uL * 1024uL, "bytes ${attached.bytes}")
        assertEquals(attached.bytes, Files.size(Paths.get(attached.path)).toULong())
        assertTrue(Files.exists(Paths.get(attached.thumbnailPath)))
        assertEquals(PhotoSource.CAMERA, attached.source)
        val gps = requireNotNull(attached.gps)
        assertEquals(21.02870, gps.latitude, 1e-4)
        assertEquals(105.85240, gps.longitude, 1e-4)
        assertEquals(420, attached.captureUtcOffsetMinutes)
        assertFalse(attached.flags.noCaptureTime)
        assertEquals(listOf(attached), core.photos(draft.id))

        // The same photo twice is a typed error, not a second copy.
        val duplicate = assertThrows<IhanoiException.PhotoDuplicate> {
            TaskHandle().use { token ->
                runBlocking {
                    core.attachPhoto(draft.id, photo.toString(), PhotoSource.GALLERY, defaultCompressOptions(), token)
                }
            }
        }
        assertEquals(ErrorKind.PHOTO_DUPLICATE, duplicate.kind())
        assertEquals("photo_duplicate", duplicate.kind().code())
        assertTrue(duplicate.text.vi.isNotBlank() && duplicate.text.vi != duplicate.text.en)

        // Removing the photo deletes its files.
        core.removePhoto(draft.id, attached.id)
        assertFalse(Files.exists(Paths.get(attached.path)))
        assertTrue(core.photos(draft.id).isEmpty())
    }

    @Test
    fun `a cancelled attach fails with Cancelled and leaves no file`() = withCore(dataDir) { core ->
        val photo = SharedData.file("photos", "camera-24mp-sony.jpg")
        core.setPhotoInputDirs(listOf(photo.parent.toString()))
        val draft = core.createDraft()
        val error = assertThrows<IhanoiException.Cancelled> {
            TaskHandle().use { token ->
                token.cancel()
                runBlocking {
                    core.attachPhoto(draft.id, photo.toString(), PhotoSource.GALLERY, defaultCompressOptions(), token)
                }
            }
        }
        assertEquals(ErrorKind.CANCELLED, error.kind())
        assertTrue(core.photos(draft.id).isEmpty())
        val reportDir = dataDir.resolve("reports").resolve(draft.id)
        assertTrue(!Files.exists(reportDir) || Files.list(reportDir).use { it.count() } == 0L)
    }

    @Test
    fun `a path outside the declared folders is refused`() = withCore(dataDir) { core ->
        val draft = core.createDraft()
        val photo = SharedData.file("photos", "iphone4s-gps-small.jpg")
        val error = assertThrows<IhanoiException.PhotoNotFound> {
            TaskHandle().use { token ->
                runBlocking {
                    core.attachPhoto(draft.id, photo.toString(), PhotoSource.GALLERY, defaultCompressOptions(), token)
                }
            }
        }
        assertEquals(ErrorKind.PHOTO_NOT_FOUND, error.kind())
    }
}
