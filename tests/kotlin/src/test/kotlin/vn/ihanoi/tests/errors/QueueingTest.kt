package vn.ihanoi.tests.errors

import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.ProblemCode
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.tests.support.withCore

/** Queueing validates everything at once and reports it as a typed Kotlin exception. */
class QueueingTest {
    @TempDir
    lateinit var dataDir: Path

    @Test
    fun `queueing an empty draft throws NotReady with every problem in Vietnamese and English`() =
        withCore(dataDir) { core ->
            val id = core.createDraft().id

            val error = assertThrows<IhanoiException.NotReady> { core.queueReport(id) }

            val codes = error.problems.map { it.code }
            // Photo and location stay missing until the photo and GPS components land.
            assertTrue(ProblemCode.CATEGORY_MISSING in codes, "problems: $codes")
            assertTrue(ProblemCode.DESCRIPTION_TOO_SHORT in codes, "problems: $codes")
            assertTrue(ProblemCode.PHOTO_MISSING in codes, "problems: $codes")
            assertTrue(ProblemCode.LOCATION_MISSING in codes, "problems: $codes")
            assertEquals(codes.toSet().size, codes.size, "each problem once: $codes")
            for (problem in error.problems) {
                assertTrue(problem.message.vi.isNotBlank(), "$problem")
                assertTrue(problem.message.en.isNotBlank(), "$problem")
                assertNotEquals(problem.message.vi, problem.message.en, "$problem")
            }
            val tooShort = error.problems.single { it.code == ProblemCode.DESCRIPTION_TOO_SHORT }
            assertTrue("ký tự" in tooShort.message.vi, tooShort.message.vi)
            assertTrue("characters" in tooShort.message.en, tooShort.message.en)

            // The form can show the same list before the resident taps "send".
            assertEquals(error.problems, core.problems(id))
            // Nothing changed: still an editable draft.
            assertEquals(ReportState.DRAFT, core.report(id).state)
        }

    @Test
    fun `fixed problems disappear from the list, the rest remain`() = withCore(dataDir) { core ->
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Category("roads.pothole"))
        val unknown = assertThrows<IhanoiException.NotReady> { core.queueReport(id) }.problems
        assertTrue(unknown.any { it.code == ProblemCode.CATEGORY_UNKNOWN }, "problems: $unknown")
        core.updateDraft(id, DraftField.Category("giao_thong"))
        core.updateDraft(id, DraftField.Description("Ổ gà sâu trước cổng trường tiểu học"))

        val error = assertThrows<IhanoiException.NotReady> { core.queueReport(id) }

        val codes = error.problems.map { it.code }
        assertFalse(ProblemCode.CATEGORY_MISSING in codes, "problems: $codes")
        assertFalse(ProblemCode.CATEGORY_UNKNOWN in codes, "problems: $codes")
        assertFalse(ProblemCode.DESCRIPTION_TOO_SHORT in codes, "problems: $codes")
        assertTrue(ProblemCode.PHOTO_MISSING in codes, "problems: $codes")
    }

    @Test
    fun `a description over 2000 characters is a problem, not a refused edit`() = withCore(dataDir) { core ->
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Description("a".repeat(2001)))

        val codes = assertThrows<IhanoiException.NotReady> { core.queueReport(id) }.problems.map { it.code }

        assertTrue(ProblemCode.DESCRIPTION_TOO_LONG in codes, "problems: $codes")
        assertFalse(ProblemCode.DESCRIPTION_TOO_SHORT in codes, "problems: $codes")
    }

    @Test
    fun `returning a draft to draft is the wrong state`() = withCore(dataDir) { core ->
        val id = core.createDraft().id

        val error = assertThrows<IhanoiException.WrongState> { core.returnToDraft(id) }

        assertTrue(error.message.isNotBlank())
        assertEquals(ReportState.DRAFT, core.report(id).state)
    }
}
