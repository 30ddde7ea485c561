package vn.ihanoi.app.data

import kotlinx.coroutines.flow.Flow
import vn.ihanoi.core.model.Bilingual

/**
 * The reports as the screens need them. The only implementation in the app is
 * [CoreReportsRepository] (the core through the bindings); the interface keeps the state holders
 * free of the generated types, so a change of the core's API touches the data layer only.
 */
interface ReportsRepository {
    /**
     * What the home screen shows, now and again after every change the core reports (an edit, a
     * sync, a pull): the resident's reports, the badge numbers and the outbox's line.
     */
    fun home(): Flow<HomeData>

    /** A new empty draft; returns its id. */
    suspend fun createDraft(): String
}

/**
 * A text the core worded in both languages (Vietnamese first); the screen shows the one of its
 * locale ([vn.ihanoi.app.ui.common.localized]).
 */
data class Words(val vi: String, val en: String)

/** The core's [Bilingual] as the screens' [Words]. */
internal fun Bilingual.words() = Words(vi, en)

/** The home screen's data, all of it from the core. */
data class HomeData(
    val reports: List<ReportSummary>,
    val counts: Counts,
    /** "3 reports will be sent when you are online"; `null` when nothing waits. */
    val outbox: Words?,
)

/** The badge numbers (the core's `BadgeCounts`). */
data class Counts(
    val drafts: Int = 0,
    val waitingToSend: Int = 0,
    val needsAttention: Int = 0,
    val unreadUpdates: Int = 0,
    val unreadAlerts: Int = 0,
)

/** One row of the home screen. */
data class ReportSummary(
    val id: String,
    val description: String,
    /** Drives the chip's colour only; its words are [stateLabel]. */
    val state: ReportStatus,
    val stateLabel: Words,
    /** The chosen category's name, `null` before one is chosen. */
    val category: Words? = null,
    /** Why the city sent it back (its own words), while it needs attention. */
    val cityReason: Words? = null,
    /** The city's replies and status changes the resident has not opened yet. */
    val unreadUpdates: Int = 0,
)

/** Where a report is in its life (the core's `ReportState`). */
enum class ReportStatus {
    DRAFT,
    QUEUED,
    SENDING,
    SUBMITTED,
    NEEDS_ATTENTION,
}
