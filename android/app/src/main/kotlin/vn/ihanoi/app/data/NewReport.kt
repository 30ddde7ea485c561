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
    /** The chosen category's form, in the city's order, with the answers kept. */
    val form: List<FormField> = emptyList(),
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

/** How a field of the city's form is answered (GeoReport v2's datatypes). */
enum class FieldKind {
    /** One line of text. */
    STRING,
    NUMBER,
    /** A date and time with its zone. */
    DATETIME,
    /** Longer text. */
    TEXT,
    /** One of [FormField.choices]. */
    SINGLE_CHOICE,
    /** Any of [FormField.choices]. */
    MULTI_CHOICE,
}

/** One choice of a list field: the key the core keeps, the city's name shown. */
data class FieldChoice(val key: String, val name: Words)

/**
 * One question (or, with [asked] `false`, information) of the chosen category's form. The label and
 * help are the city's own words (a server publishes its forms in one language); the problem is the
 * core's, in both languages.
 */
data class FormField(
    val code: String,
    val kind: FieldKind,
    val required: Boolean,
    /** `false`: information to show, not a question. */
    val asked: Boolean,
    val label: Words,
    /** The city's hint about the value expected ("1–1000"). */
    val help: Words?,
    val choices: List<FieldChoice>,
    /** The answer kept by the core (several for [FieldKind.MULTI_CHOICE]). */
    val values: List<String>,
    /** What the core says is wrong with the answer, or missing. */
    val problem: Words?,
)

/** A point of a ward's outline, in WGS84 degrees. */
data class MapPoint(val lat: Double, val lon: Double)

/** One ward around the pin as the map draws it, named by the core. */
data class WardShape(
    val code: String,
    val name: Words,
    val holdsPin: Boolean,
    /** From the pin to its boundary, in metres. */
    val distanceM: Double,
    /** Every closed ring of its polygons (outer rings and holes alike). */
    val rings: List<List<MapPoint>>,
)

/** The ward outlines around a point (the core's `ward_outlines`): the one holding it first. */
data class WardSurroundings(
    val wards: List<WardShape>,
    /** What to say when no ward holds the point (outside Hanoi). */
    val note: Words?,
) {
    val holding: WardShape?
        get() = wards.firstOrNull { it.holdsPin }
}

/**
 * The city's open reports of the draft's category within 50 m (the core's `nearby_city_reports`):
 * the resident may find the problem already reported. Never a blocker for sending.
 */
data class NearbyReports(
    /** The core's title: how many are known ("Thành phố đã có 2 phản ánh…"), or none. */
    val heading: Words,
    /** For an answer kept from earlier (no network): that it is one, and its age. */
    val freshness: Words?,
    val reports: List<NearbyReport>,
)

/** One of them, nearest first. */
data class NearbyReport(
    val id: String,
    /** The city's status in the core's words. */
    val status: Words,
    val distanceM: Int,
    /** The start of its description; empty when the city publishes none. */
    val excerpt: String,
    val address: String?,
    /** Its photos' thumbnails as the core fetched them (missing ones left out). */
    val thumbnails: List<String>,
)
