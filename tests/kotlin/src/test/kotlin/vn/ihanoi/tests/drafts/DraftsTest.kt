package vn.ihanoi.tests.drafts

import java.nio.file.Path
import java.util.UUID
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.Report
import vn.ihanoi.core.model.ReportFilter
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.core.model.Urgency
import vn.ihanoi.tests.support.openCore
import vn.ihanoi.tests.support.withCore

/** Create, autosave, read, list and delete drafts through the generated Kotlin API. */
class DraftsTest {
    @TempDir
    lateinit var dataDir: Path

    @Test
    fun `a new draft is empty, editable and has a UUID v7 id`() = withCore(dataDir) { core ->
        val draft = core.createDraft()

        assertEquals(7, UUID.fromString(draft.id).version())
        assertEquals(ReportState.DRAFT, draft.state)
        assertNull(draft.categoryCode)
        assertEquals("", draft.description)
        assertNull(draft.address)
        assertEquals(Urgency.NORMAL, draft.urgency)
        assertEquals(draft.createdAtMs, draft.updatedAtMs)
        assertEquals(draft, core.report(draft.id))

        // The review screen's one answer: no send button while problems remain.
        val details = core.reportDetails(draft.id)
        val actions = details.actions
        assertTrue(actions.canEdit)
        assertTrue(actions.canDelete)
        assertFalse(actions.canReturnToDraft)
        assertFalse(actions.canQueue)
        assertEquals(4, details.problems.size)
    }

    @Test
    fun `each draft field is saved and read back`() = withCore(dataDir) { core ->
        val id = core.createDraft().id

        val withCategory = core.updateDraft(id, DraftField.Category("roads.pothole"))
        assertEquals("roads.pothole", withCategory.categoryCode)

        val description = "Ổ gà lớn giữa đường, xe máy dễ ngã"
        val withDescription = core.updateDraft(id, DraftField.Description(description))
        assertEquals(description, withDescription.description)

        val address = "ngõ 622 Minh Khai, cạnh chung cư"
        val withAddress = core.updateDraft(id, DraftField.Address(address))
        assertEquals(address, withAddress.address)

        val withUrgency = core.updateDraft(id, DraftField.Urgency(Urgency.URGENT))
        assertEquals(Urgency.URGENT, withUrgency.urgency)

        // Every field is still there: one update does not clobber another.
        val saved = core.report(id)
        assertEquals("roads.pothole", saved.categoryCode)
        assertEquals(description, saved.description)
        assertEquals(address, saved.address)
        assertEquals(Urgency.URGENT, saved.urgency)
        assertEquals(ReportState.DRAFT, saved.state)
        assertTrue(saved.updatedAtMs >= saved.createdAtMs)
    }

    @Test
    fun `optional fields can be cleared, and blank text clears them`() = withCore(dataDir) { core ->
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Category("lighting.broken"))
        core.updateDraft(id, DraftField.Address("Phố Huế"))

        assertNull(core.updateDraft(id, DraftField.Category(null)).categoryCode)
        assertNull(core.updateDraft(id, DraftField.Address("   ")).address)
        assertEquals(Urgency.COMPLEX, core.updateDraft(id, DraftField.Urgency(Urgency.COMPLEX)).urgency)
    }

    @Test
    fun `the description keeps the resident's trailing space while typing`() = withCore(dataDir) { core ->
        val id = core.createDraft().id
        assertEquals("Cây đổ ", core.updateDraft(id, DraftField.Description("Cây đổ ")).description)
    }

    @Test
    fun `every change is on disk when the call returns`() {
        val id: String
        openCore(dataDir).use { core ->
            id = core.createDraft().id
            core.updateDraft(id, DraftField.Description("Đèn đường hỏng cả tuần nay"))
            core.updateDraft(id, DraftField.Urgency(Urgency.URGENT))
        }

        openCore(dataDir).use { reopened ->
            val saved = reopened.report(id)
            assertEquals("Đèn đường hỏng cả tuần nay", saved.description)
            assertEquals(Urgency.URGENT, saved.urgency)
        }
    }

    @Test
    fun `drafts are listed newest first, page by page with a cursor`() = withCore(dataDir) { core ->
        val created = (1..7).map { core.createDraft().id }

        val pages = generateSequence(core.listReports(ReportFilter.DRAFTS, null, 3u)) { page ->
            page.nextCursor?.let { core.listReports(ReportFilter.DRAFTS, it, 3u) }
        }.toList()

        assertEquals(listOf(3, 3, 1), pages.map { it.reports.size })
        assertNull(pages.last().nextCursor)
        val listed = pages.flatMap { it.reports }
        assertEquals(created.toSet(), listed.map { it.id }.toSet())
        // Newest first, ties broken by id: the order the keyset cursor pages in.
        val newestFirst = compareByDescending<Report> { it.createdAtMs }.thenByDescending { it.id }
        assertEquals(listed.sortedWith(newestFirst), listed)
        // UUID v7 ids grow with time, so creation order reversed is the listing order.
        assertEquals(created.reversed(), listed.map { it.id })
    }

    @Test
    fun `a page that fits everything has no cursor`() = withCore(dataDir) { core ->
        repeat(2) { core.createDraft() }

        val page = core.listReports(ReportFilter.ALL, null, 10u)

        assertEquals(2, page.reports.size)
        assertNull(page.nextCursor)
        assertTrue(core.listReports(ReportFilter.SUBMITTED, null, 10u).reports.isEmpty())
        assertTrue(core.listReports(ReportFilter.OUTBOX, null, 10u).reports.isEmpty())
    }

    @Test
    fun `a deleted draft is gone from get and list`() = withCore(dataDir) { core ->
        val kept = core.createDraft().id
        val deleted = core.createDraft().id

        core.deleteDraft(deleted)

        assertThrows<IhanoiException.NotFound> { core.report(deleted) }
        assertThrows<IhanoiException.NotFound> { core.deleteDraft(deleted) }
        assertEquals(listOf(kept), core.listReports(ReportFilter.ALL, null, 10u).reports.map { it.id })
    }
}
