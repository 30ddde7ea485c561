package vn.ihanoi.app.data

/**
 * The reports as the screens need them. The only implementation in the app is
 * [CoreReportsRepository] (the core through the bindings); the interface keeps the state holders
 * free of the generated types, so a change of the core's API touches the data layer only.
 */
interface ReportsRepository {
    /** The resident's reports, newest first. */
    suspend fun myReports(): List<ReportSummary>

    /** A new empty draft; returns its id. */
    suspend fun createDraft(): String
}

/** One row of the home screen. */
data class ReportSummary(val id: String, val description: String, val state: ReportStatus)

/** Where a report is in its life (the core's `ReportState`). */
enum class ReportStatus {
    DRAFT,
    QUEUED,
    SENDING,
    SUBMITTED,
    NEEDS_ATTENTION,
}
