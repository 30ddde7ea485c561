package vn.ihanoi.app.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.conflate
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.withContext
import vn.ihanoi.core.CountsListener
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.ReportsListener
import vn.ihanoi.core.SyncActivityListener
import vn.ihanoi.core.model.BadgeCounts
import vn.ihanoi.core.model.ReportDetails
import vn.ihanoi.core.model.ReportFilter
import vn.ihanoi.core.model.ReportListUpdate
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.core.model.SyncActivity
import vn.ihanoi.core.outboxStatus

/**
 * [ReportsRepository] over the real core. The core does disk and network work: every call runs on
 * [io], never on the main thread; its observers call back on core threads and only signal here.
 */
class CoreReportsRepository(
    private val core: IhanoiCore,
    private val io: CoroutineDispatcher = Dispatchers.IO,
    private val clock: () -> Long = System::currentTimeMillis,
) : ReportsRepository {
    override fun home(): Flow<HomeData> =
        combine(reportChanges(), counts(), syncActivity()) { _, counts, activity ->
                HomeData(
                    reports = readSummaries(),
                    counts = counts.toCounts(),
                    outbox = outboxStatus(counts, activity, clock())?.words(),
                )
            }
            .conflate()
            .flowOn(io)

    override suspend fun createDraft(): String = withContext(io) { core.createDraft().id }

    private fun readSummaries(): List<ReportSummary> =
        core.listReports(ReportFilter.ALL, null, PAGE_SIZE).reports.map {
            core.reportDetails(it.id).toSummary()
        }

    /** A number that grows with every batch of report changes (the list is re-read on each). */
    private fun reportChanges(): Flow<Long> = observed { send ->
        var batches = 0L
        core.observeReports(
            object : ReportsListener {
                override fun onReportsChanged(update: ReportListUpdate) {
                    send(++batches)
                }
            }
        )
    }

    private fun counts(): Flow<BadgeCounts> = observed { send ->
        core.observeCounts(
            object : CountsListener {
                override fun onCountsChanged(counts: BadgeCounts) = send(counts)
            }
        )
    }

    private fun syncActivity(): Flow<SyncActivity> = observed { send ->
        core.observeSyncActivity(
            object : SyncActivityListener {
                override fun onSyncActivity(activity: SyncActivity) = send(activity)
            }
        )
    }

    private companion object {
        // The first page only, until the home screen pages (the core hands out cursors).
        const val PAGE_SIZE = 100u
    }
}

internal fun ReportDetails.toSummary() =
    ReportSummary(
        id = report.id,
        description = report.description,
        state =
            when (report.state) {
                ReportState.DRAFT -> ReportStatus.DRAFT
                ReportState.QUEUED -> ReportStatus.QUEUED
                ReportState.SENDING -> ReportStatus.SENDING
                ReportState.SUBMITTED -> ReportStatus.SUBMITTED
                ReportState.NEEDS_ATTENTION -> ReportStatus.NEEDS_ATTENTION
            },
        stateLabel = stateLabel.words(),
        category = category?.name?.words(),
        cityReason = attention?.message?.words(),
        unreadUpdates = unreadUpdates.toInt(),
    )

internal fun BadgeCounts.toCounts() =
    Counts(
        drafts = drafts.toInt(),
        waitingToSend = waitingToSend.toInt(),
        needsAttention = needsAttention.toInt(),
        unreadUpdates = unreadUpdates.toInt(),
        unreadAlerts = unreadAlerts.toInt(),
    )
