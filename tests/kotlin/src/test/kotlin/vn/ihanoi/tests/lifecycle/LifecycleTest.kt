package vn.ihanoi.tests.lifecycle

import java.nio.file.Path
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.ReportFilter
import vn.ihanoi.tests.support.openCore
import vn.ihanoi.tests.support.withCore

/** Native objects are AutoCloseable: closed by `use {}`, never left to the Cleaner. */
class LifecycleTest {
    @TempDir
    lateinit var dataDir: Path

    @Test
    fun `use closes the core, and a closed core refuses calls instead of crashing`() {
        val core = openCore(dataDir)
        val id = core.use { it.createDraft().id }

        assertThrows<IllegalStateException> { core.report(id) }
        core.close() // closing twice is harmless

        openCore(dataDir).use { reopened -> assertEquals(id, reopened.report(id).id) }
    }

    @Test
    fun `two cores can be open on different data directories`(@TempDir other: Path) {
        openCore(dataDir).use { first ->
            openCore(other).use { second ->
                val a = first.createDraft().id
                val b = second.createDraft().id
                assertEquals(listOf(a), first.listReports(ReportFilter.ALL, null, 10u).reports.map { it.id })
                assertEquals(listOf(b), second.listReports(ReportFilter.ALL, null, 10u).reports.map { it.id })
            }
        }
    }

    @Test
    fun `one core serves coroutines on many threads at once`() = withCore(dataDir) { core ->
        val workers = 4
        val draftsEach = 10

        val ids = runBlocking(Dispatchers.IO) {
            (1..workers).map { worker ->
                async {
                    (1..draftsEach).map { n ->
                        val id = core.createDraft().id
                        core.updateDraft(id, DraftField.Description("Phản ánh số $n của luồng $worker"))
                        id
                    }
                }
            }.awaitAll().flatten()
        }

        val listed = core.listReports(ReportFilter.DRAFTS, null, 200u).reports
        assertEquals(ids.toSet(), listed.map { it.id }.toSet())
        assertEquals(workers * draftsEach, listed.size)
        assertEquals(workers * draftsEach, listed.count { it.description.startsWith("Phản ánh số") })
    }
}
