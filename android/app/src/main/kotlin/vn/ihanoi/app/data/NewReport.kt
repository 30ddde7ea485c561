package vn.ihanoi.app.data

import vn.ihanoi.core.model.LocationFix

/** Where a new photo comes from (the core's `PhotoSource`). */
enum class PhotoOrigin {
    CAMERA,
    GALLERY,
}

/**
 * Takes photos for a draft: the camera, or the system's photo picker (the platform adapter in
 * `platform/` copies a `content://` photo into [folder]). The core reads only the files it is given
 * there.
 */
interface PhotoInput {
    /** The folder the photos are written to (the core's photo input folder). */
    val folder: String

    /** The paths of the photos taken or picked; empty when the resident cancelled. */
    suspend fun take(origin: PhotoOrigin): List<String>
}

/** The phone's current position (the platform's `LocationManager` adapter). */
fun interface DeviceLocation {
    /** The latest fix, or `null` when the phone has none (location off, refused, no signal). */
    suspend fun current(): LocationFix?
}

/** A draft as the new-report flow shows it, every word from the core. */
data class DraftData(
    val id: String,
    val photos: List<DraftPhoto>,
    val position: DraftPosition?,
    val categoryCode: String?,
    val category: Words?,
    val description: String,
    val address: String,
    val urgency: UrgencyLevel,
    val urgencyLabel: Words,
    /** What stops queueing, every one at once. */
    val problems: List<Words>,
    /** What to know before sending (never stops it). */
    val warnings: List<Words>,
    val canQueue: Boolean,
)

/** One photo of the draft. */
data class DraftPhoto(
    val id: String,
    /** The core's 320 px thumbnail. */
    val thumbnailPath: String,
    /** What the core flags about it ("taken more than 7 days ago"). */
    val flags: List<Words>,
)

/** The draft's position, with the core's verdict and the ward it is routed to. */
data class DraftPosition(
    val lat: Double,
    val lon: Double,
    /** Where it came from ("GPS của máy", "ghim trên bản đồ"). */
    val source: Words,
    /** How far to trust it ("tốt", "kém, nên xác nhận trên bản đồ"). */
    val quality: Words,
    val needsConfirmation: Boolean,
    /** The ward found, `null` outside Hanoi. */
    val areaName: String?,
    /** The accuracy circle reaches more than one ward. */
    val ambiguous: Boolean,
)

/** The core's urgency levels. */
enum class UrgencyLevel {
    NORMAL,
    URGENT,
    COMPLEX,
}

/** One urgency the resident may choose, in the core's words. */
data class UrgencyOption(val level: UrgencyLevel, val label: Words)

/** One category the resident may choose. */
data class CategoryOption(
    val code: String,
    val name: Words,
    val group: Words,
    val description: Words,
)
