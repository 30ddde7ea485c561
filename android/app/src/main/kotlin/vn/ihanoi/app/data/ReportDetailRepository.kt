package vn.ihanoi.app.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.withContext
import vn.ihanoi.core.IhanoiCore

/** One report as its screen needs it. */
interface ReportDetailRepository {
    /** The report now and after every change to it (an edit, a send, the city's reply). */
    fun detail(id: String): Flow<ReportDetail>

    /** The resident opened its timeline: its updates are read. */
    suspend fun markRead(id: String)

    /** Puts the report in the outbox (the core refuses while it has problems). */
    suspend fun queue(id: String)
}

/** [ReportDetailRepository] over the core; calls run on [io]. */
class CoreReportDetailRepository(
    private val core: IhanoiCore,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) : ReportDetailRepository {
    override fun detail(id: String): Flow<ReportDetail> =
        core.changesOf(id).map { read(id) }.flowOn(io)

    override suspend fun markRead(id: String) {
        withContext(io) { core.markReportRead(id) }
    }

    override suspend fun queue(id: String) {
        withContext(io) { core.queueReport(id) }
    }

    private fun read(id: String): ReportDetail {
        val details = core.reportDetails(id)
        val summary = details.toSummary()
        val actions = details.actions
        return ReportDetail(
            id = id,
            state = summary.state,
            stateLabel = summary.stateLabel,
            description = details.report.description,
            address = details.report.address,
            urgency = details.urgencyLabel.words(),
            category = summary.category,
            unitName = details.unit?.let { it.name ?: it.code },
            cityReason = summary.cityReason,
            problems = details.problems.map { it.message.words() },
            warnings = details.warnings.map { it.message.words() },
            cityStatus =
                core.reportStatus(id)?.let {
                    CityStatus(
                        label = it.label.words(),
                        closed = it.closed,
                        acknowledgeByMs = it.acknowledgeByMs,
                        handleByMs = it.handleByMs,
                        overdue = it.overdue,
                    )
                },
            timeline =
                core.timeline(id).map { entry ->
                    TimelineItem(
                        id = entry.updateId,
                        label = entry.label.words(),
                        text = entry.text,
                        atMs = entry.updatedAtMs,
                        unread = entry.unread,
                        photoPaths = entry.photos.mapNotNull { it.photoPath ?: it.thumbnailPath },
                    )
                },
            // The core offers the send button only once no problem remains.
            canQueue = actions.canQueue,
            canEdit = actions.canEdit,
        )
    }
}
