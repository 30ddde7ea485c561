package vn.ihanoi.tests.support

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * The project's test data (photos, ward polygons) lives beside the repository, never
 * in it: `$IHANOI_SHARED`, by default `<repo root>/../shared`. run.sh passes it to
 * the test JVM as the `ihanoi.shared` system property.
 */
object SharedData {
    val root: Path by lazy {
        val configured = System.getProperty("ihanoi.shared") ?: System.getenv("IHANOI_SHARED")
        requireNotNull(configured) { "run the tests with tests/kotlin/run.sh (ihanoi.shared is not set)" }
        Paths.get(configured).toAbsolutePath().normalize()
    }

    /** A file under the shared folder, e.g. `SharedData.file("photos", "pothole.jpg")`. */
    fun file(first: String, vararg more: String): Path {
        val path = root.resolve(Paths.get(first, *more))
        check(Files.exists(path)) { "missing test data: $path (is \$IHANOI_SHARED right?)" }
        return path
    }

    /** The shared folder itself, after checking it is there. */
    fun requireRoot(): Path {
        check(Files.isDirectory(root)) { "missing test data folder: $root (set \$IHANOI_SHARED)" }
        return root
    }
}
