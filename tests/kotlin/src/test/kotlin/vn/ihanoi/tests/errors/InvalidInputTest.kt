package vn.ihanoi.tests.errors

import java.nio.file.Path
import java.util.UUID
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.ReportFilter
import vn.ihanoi.tests.support.withCore

/** Malformed input from the shell gets a typed exception, never a crash. */
class InvalidInputTest {
    @TempDir
    lateinit var dataDir: Path

    @Test
    fun `a malformed id is an invalid argument for every call that takes one`() = withCore(dataDir) { core ->
        for (bad in listOf("not-a-uuid", "", "../../etc/passwd", "'; DROP TABLE reports; --")) {
            assertThrows<IhanoiException.InvalidArgument> { core.report(bad) }
            assertThrows<IhanoiException.InvalidArgument> { core.updateDraft(bad, DraftField.Description("x")) }
            assertThrows<IhanoiException.InvalidArgument> { core.problems(bad) }
            assertThrows<IhanoiException.InvalidArgument> { core.queueReport(bad) }
            assertThrows<IhanoiException.InvalidArgument> { core.returnToDraft(bad) }
            assertThrows<IhanoiException.InvalidArgument> { core.deleteDraft(bad) }
        }
    }

    @Test
    fun `a well-formed id that does not exist is not found`() = withCore(dataDir) { core ->
        val unknown = UUID.randomUUID().toString()

        assertThrows<IhanoiException.NotFound> { core.report(unknown) }
        assertThrows<IhanoiException.NotFound> { core.updateDraft(unknown, DraftField.Category("x")) }
        assertThrows<IhanoiException.NotFound> { core.queueReport(unknown) }
    }

    @Test
    fun `a malformed cursor is an invalid argument`() = withCore(dataDir) { core ->
        core.createDraft()

        for (bad in listOf("garbage", "12~", "~abc", "x~y")) {
            assertThrows<IhanoiException.InvalidArgument>("cursor '$bad'") {
                core.listReports(ReportFilter.ALL, bad, 10u)
            }
        }
    }

    @Test
    fun `runaway text is refused and the draft keeps its last good value`() = withCore(dataDir) { core ->
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Description("Nước ngập sâu sau mưa"))

        assertThrows<IhanoiException.InvalidArgument> {
            core.updateDraft(id, DraftField.Description("x".repeat(20_001)))
        }
        assertThrows<IhanoiException.InvalidArgument> {
            core.updateDraft(id, DraftField.Category("c".repeat(65)))
        }

        assertEquals("Nước ngập sâu sau mưa", core.report(id).description)
    }
}
