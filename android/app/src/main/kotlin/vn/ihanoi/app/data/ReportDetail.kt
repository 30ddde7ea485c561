package vn.ihanoi.app.data

/** Everything a report's screen shows, worded by the core. */
data class ReportDetail(
    val id: String,
    val state: ReportStatus,
    val stateLabel: Words,
    val description: String,
    val address: String?,
    val urgency: Words,
    val category: Words?,
    /** The ward or unit it goes (went) to. */
    val unitName: String?,
    /** Why the city sent it back, while it needs attention. */
    val cityReason: Words?,
    /** What stops queueing, every one at once (empty once it can be queued). */
    val problems: List<Words>,
    /** What to know before sending (never stops it). */
    val warnings: List<Words>,
    /** Where the city is with it; `null` before it was accepted. */
    val cityStatus: CityStatus?,
    /** What the city did, oldest first. */
    val timeline: List<TimelineItem>,
    val canQueue: Boolean,
    val canEdit: Boolean,
)

/** The city's handling: its status and deadlines. */
data class CityStatus(
    val label: Words,
    val closed: Boolean,
    val acknowledgeByMs: Long?,
    val handleByMs: Long?,
    val overdue: Boolean,
)

/** One entry of the timeline (an official reply or a status change). */
data class TimelineItem(
    val id: String,
    val label: Words,
    /** The official's own words (in the language they wrote). */
    val text: String,
    val atMs: Long,
    val unread: Boolean,
    /** Result photos on this machine (thumbnails or full photos), in order. */
    val photoPaths: List<String>,
)
