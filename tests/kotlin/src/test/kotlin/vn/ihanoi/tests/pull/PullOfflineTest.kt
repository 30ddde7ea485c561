package vn.ihanoi.tests.pull

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.model.CityConfig
import vn.ihanoi.core.model.UnreadCounts
import vn.ihanoi.tests.support.withCore

/**
 * The pull API from Kotlin without a city: every read answers from the (empty)
 * cache — categories from the snapshot the core ships — and a pull that cannot
 * run is a typed exception, never a crash.
 */
class PullOfflineTest {
    @TempDir
    lateinit var dataDir: Path

    @Test
    fun `before any pull the reads are empty and work offline`() = withCore(dataDir) { core ->
        // Categories are the exception: the core ships the city's list for a fresh install.
        val categories = core.categories()
        assertEquals("ve_sinh_moi_truong", categories.first().code)
        assertEquals("Vệ sinh môi trường", categories.first().name.vi)
        assertTrue(categories.any { it.code == "ngap_ung" })
        assertTrue(core.alerts().isEmpty())
        assertEquals(UnreadCounts(0u, 0u, 0u), core.unreadCounts())
        val id = core.createDraft().id
        assertTrue(core.timeline(id).isEmpty())
        assertNull(core.reportStatus(id))
        assertEquals(0u, core.markReportRead(id))
        assertEquals(false, core.markAlertRead("1"))
    }

    @Test
    fun `a pull without a city or without a network is a typed exception`() = withCore(dataDir) { core ->
        TaskHandle().use { cancel ->
            assertThrows<IhanoiException.NotConfigured> { runBlocking { core.pull(cancel) } }
            // Port 9 (discard) on loopback: nothing listens, the connection is refused.
            core.configureCity(CityConfig("http://127.0.0.1:9", "test-app-key", null))
            assertThrows<IhanoiException.Network> { runBlocking { core.pull(cancel) } }
        }
        assertThrows<IhanoiException.InvalidArgument> { core.timeline("not-a-uuid") }
    }
}
