package vn.ihanoi.app.platform

import android.content.Context
import android.net.Uri
import androidx.core.content.FileProvider
import java.io.File
import java.io.IOException
import java.util.UUID

/**
 * Where photos wait before the core takes them: the camera writes here (through [cameraTarget]'s
 * `content://` address), and a photo chosen in the system picker is copied here from its
 * `content://` address. The core is given file paths in this folder only (`set_photo_input_dirs`)
 * and keeps its own compressed copy; [discard] removes the original afterwards.
 */
class PhotoInbox(private val context: Context) {
    /** App-private, not backed up (cache), created on first use with owner-only access. */
    val folder: File
        get() =
            File(context.cacheDir, FOLDER).apply {
                if (mkdirs()) {
                    setReadable(false, false)
                    setReadable(true, true)
                    setExecutable(false, false)
                    setExecutable(true, true)
                }
            }

    /** A file for the camera app to write, and the address to give it (a FileProvider's). */
    fun cameraTarget(): Pair<File, Uri> {
        val file = File(folder, "camera-${UUID.randomUUID()}.jpg")
        return file to FileProvider.getUriForFile(context, authority(context), file)
    }

    /**
     * Copies a picked photo into the folder and returns its path. The picker's address is readable
     * only while the grant lasts, so the bytes are taken now. More than [maxBytes] is refused (no
     * phone photo is that large; a huge file would fill the phone).
     */
    @Throws(IOException::class)
    fun copyIn(uri: Uri, maxBytes: Long = MAX_BYTES): File {
        val target = File(folder, "picked-${UUID.randomUUID()}")
        try {
            val input =
                context.contentResolver.openInputStream(uri)
                    ?: throw IOException("the picker's photo cannot be read")
            input.use { source ->
                target.outputStream().use { sink ->
                    val buffer = ByteArray(64 * 1024)
                    var total = 0L
                    while (true) {
                        val n = source.read(buffer)
                        if (n < 0) break
                        total += n
                        if (total > maxBytes)
                            throw IOException("the photo is larger than $maxBytes bytes")
                        sink.write(buffer, 0, n)
                    }
                }
            }
            return target
        } catch (e: IOException) {
            target.delete()
            throw e
        } catch (e: SecurityException) {
            // The grant expired or the provider refused: the same for the resident.
            target.delete()
            throw IOException("the picker's photo cannot be read", e)
        }
    }

    /** The core has its copy (or refused it): the original goes. */
    fun discard(path: String) {
        val file = File(path)
        if (file.parentFile?.canonicalPath == folder.canonicalPath) file.delete()
    }

    companion object {
        const val FOLDER = "photo-inbox"
        const val MAX_BYTES = 64L * 1024 * 1024

        /** The FileProvider declared in the manifest (res/xml/photo_paths.xml). */
        fun authority(context: Context) = "${context.packageName}.photos"
    }
}
