package vn.ihanoi.app.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.model.Report
import vn.ihanoi.core.model.ReportFilter
import vn.ihanoi.core.model.ReportState

/**
 * [ReportsRepository] over the real core. The core does disk and network work: every call runs on
 * [io], never on the main thread.
 */
class CoreReportsRepository(
    private val core: IhanoiCore,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) : ReportsRepository {
    override suspend fun myReports(): List<ReportSummary> =
        withContext(io) {
            core.listReports(ReportFilter.ALL, null, PAGE_SIZE).reports.map { it.toSummary() }
        }

    override suspend fun createDraft(): String = withContext(io) { core.createDraft().id }

    private companion object {
        // The first page only, until the home screen pages (the core hands out cursors).
        const val PAGE_SIZE = 100u
    }
}

internal fun Report.toSummary() =
    ReportSummary(
        id = id,
        description = description,
        state =
            when (state) {
                ReportState.DRAFT -> ReportStatus.DRAFT
                ReportState.QUEUED -> ReportStatus.QUEUED
                ReportState.SENDING -> ReportStatus.SENDING
                ReportState.SUBMITTED -> ReportStatus.SUBMITTED
                ReportState.NEEDS_ATTENTION -> ReportStatus.NEEDS_ATTENTION
            },
    )
