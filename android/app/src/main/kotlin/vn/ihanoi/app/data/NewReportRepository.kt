package vn.ihanoi.app.data

import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.flow.map
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.cityText
import vn.ihanoi.core.defaultCompressOptions
import vn.ihanoi.core.model.AttributeType
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.core.model.NearbyCityReports
import vn.ihanoi.core.model.PhotoSource
import vn.ihanoi.core.model.Problem
import vn.ihanoi.core.model.Urgency
import vn.ihanoi.core.reviewFlagLabels
import vn.ihanoi.core.urgencyOptions

/**
 * The new-report flow's data: every edit is written to the core at once (the draft is the core's,
 * so an app killed mid-draft loses nothing), and the draft is re-read after every change the core
 * reports.
 */
interface NewReportRepository {
    fun draft(id: String): Flow<DraftData>

    /** Takes photos from [origin] and attaches them in order; returns how many were attached. */
    suspend fun addPhotos(id: String, origin: PhotoOrigin): Int

    suspend fun removePhoto(id: String, photoId: String)

    /** Puts the photos in this order (every photo id once). */
    suspend fun reorderPhotos(id: String, photoIds: List<String>)

    /**
     * Asks the phone for its position (or the first photo's GPS, as the core offers) and attaches
     * it; `false` when there is none.
     */
    suspend fun locate(id: String): Boolean

    /** The resident placed the pin here (never replaced by a later sensor fix). */
    suspend fun placePin(id: String, lat: Double, lon: Double)

    /** The categories matching [query] (all of them for a blank query). */
    suspend fun categories(query: String): List<CategoryOption>

    suspend fun setCategory(id: String, code: String)

    suspend fun setDescription(id: String, text: String)

    suspend fun setAddress(id: String, text: String)

    suspend fun setUrgency(id: String, level: UrgencyLevel)

    /** Autosaves the answer to one field of the city's form (no values clears it). */
    suspend fun setAnswer(id: String, code: String, values: List<String>)

    /** The answer about others' reports nearby kept for the draft (offline), if any. */
    suspend fun cachedNearby(id: String): NearbyReports?

    /**
     * Asks the city for its open reports of the draft's category near its position (the kept answer
     * when the city cannot be reached); refused with the core's words otherwise.
     */
    suspend fun nearby(id: String): NearbyReports

    /** The ward outlines within [radiusM] of a point, from the core's boundary data (offline). */
    suspend fun surroundings(lat: Double, lon: Double, radiusM: Double): WardSurroundings

    /** The choices with the core's words. */
    fun urgencies(): List<UrgencyOption>

    /** Puts the draft in the outbox (the core refuses while it has problems). */
    suspend fun queue(id: String)
}

/** [NewReportRepository] over the core; calls run on [io]. */
class CoreNewReportRepository(
    private val core: IhanoiCore,
    private val photos: PhotoInput,
    private val location: DeviceLocation,
    private val io: CoroutineDispatcher = Dispatchers.IO,
    private val clock: () -> Long = System::currentTimeMillis,
) : NewReportRepository {
    override fun draft(id: String): Flow<DraftData> = core.changesOf(id).map { read(id) }.flowOn(io)

    override suspend fun addPhotos(id: String, origin: PhotoOrigin): Int {
        val paths = photos.take(origin)
        val source = if (origin == PhotoOrigin.CAMERA) PhotoSource.CAMERA else PhotoSource.GALLERY
        // The resident's photo size (settings), the core's other limits.
        val options = call {
            core.setPhotoInputDirs(listOf(photos.folder))
            defaultCompressOptions().copy(preset = core.preferences().photoSize)
        }
        paths.forEach { path ->
            coreSuspendCall { core.attachPhoto(id, path, source, options, TaskHandle()) }
        }
        return paths.size
    }

    override suspend fun removePhoto(id: String, photoId: String) {
        call { core.removePhoto(id, photoId) }
    }

    override suspend fun reorderPhotos(id: String, photoIds: List<String>) {
        call { core.reorderPhotos(id, photoIds) }
    }

    override suspend fun locate(id: String): Boolean {
        val device = location.current()
        return call {
            val offered = core.offeredReportLocation(id, device) ?: return@call false
            core.setReportLocation(id, offered)
            true
        }
    }

    override suspend fun placePin(id: String, lat: Double, lon: Double) {
        call {
            // A pin is exact where the resident put it: the core takes accuracy 0 for a pin.
            core.setReportLocation(
                id,
                LocationFix(lat, lon, 0.0, clock(), LocationSource.MANUAL_PIN, false),
            )
        }
    }

    override suspend fun categories(query: String): List<CategoryOption> = call {
        // The core's search: diacritics, case and đ ignored, in vi or en; every category for "".
        core.searchCategories(query).map {
            CategoryOption(
                code = it.code,
                name = it.name.words(),
                group = it.group.words(),
                description = it.description.words(),
            )
        }
    }

    override suspend fun setCategory(id: String, code: String) =
        update(id, DraftField.Category(code))

    override suspend fun setDescription(id: String, text: String) =
        update(id, DraftField.Description(text))

    override suspend fun setAddress(id: String, text: String) =
        update(id, DraftField.Address(text.ifBlank { null }))

    override suspend fun setUrgency(id: String, level: UrgencyLevel) =
        update(id, DraftField.Urgency(level.toCore()))

    override suspend fun setAnswer(id: String, code: String, values: List<String>) {
        call { core.setDraftAttribute(id, code, values) }
    }

    override suspend fun cachedNearby(id: String): NearbyReports? = call {
        core.cachedNearbyCityReports(id)?.toNearby()
    }

    override suspend fun nearby(id: String): NearbyReports {
        val task = TaskHandle()
        return try {
            coreSuspendCall { core.nearbyCityReports(id, task) }.toNearby()
        } catch (stopped: CancellationException) {
            // The screen left the review: the core stops asking the city too.
            task.cancel()
            throw stopped
        } finally {
            task.close()
        }
    }

    override suspend fun surroundings(lat: Double, lon: Double, radiusM: Double) = call {
        val outlines = core.wardOutlines(lat, lon, radiusM)
        WardSurroundings(
            wards =
                outlines.wards.map { ward ->
                    WardShape(
                        code = ward.code,
                        name = ward.name.words(),
                        holdsPin = ward.containsPoint,
                        distanceM = ward.distanceM,
                        rings =
                            ward.polygons.flatMap { polygon ->
                                (listOf(polygon.exterior) + polygon.holes).map { ring ->
                                    ring.map { MapPoint(it.lat, it.lon) }
                                }
                            },
                    )
                },
            note = outlines.note?.words(),
        )
    }

    override fun urgencies(): List<UrgencyOption> =
        urgencyOptions().map { UrgencyOption(it.urgency.toLevel(), it.label.words()) }

    override suspend fun queue(id: String) {
        call { core.queueReport(id) }
    }

    private suspend fun update(id: String, field: DraftField) {
        call { core.updateDraft(id, field) }
    }

    private suspend fun <T> call(block: () -> T): T = coreCall(io, block)

    private fun read(id: String): DraftData {
        val details = core.reportDetails(id)
        val report = details.report
        val located = core.reportLocation(id)
        return DraftData(
            id = id,
            photos =
                core.photos(id).map { photo ->
                    DraftPhoto(
                        id = photo.id,
                        thumbnailPath = photo.thumbnailPath,
                        flags = reviewFlagLabels(photo.flags).map { it.label.words() },
                    )
                },
            position =
                located?.let {
                    DraftPosition(
                        lat = it.fix.lat,
                        lon = it.fix.lon,
                        source = it.sourceLabel.words(),
                        quality = it.verdict.qualityLabel.words(),
                        needsConfirmation = it.verdict.needsConfirmation,
                        areaName = it.areaName,
                        ambiguous = it.areaAmbiguous,
                    )
                },
            categoryCode = details.category?.code,
            category = details.category?.name?.words(),
            description = report.description,
            address = report.address.orEmpty(),
            urgency = report.urgency.toLevel(),
            urgencyLabel = details.urgencyLabel.words(),
            problems = details.problems.map { it.message.words() },
            form = core.formOf(id, details.category?.code, details.problems),
            warnings = details.warnings.map { it.message.words() },
            // The core's answer: an editable report with no readiness problem left.
            canQueue = details.actions.canQueue,
        )
    }
}

/**
 * The chosen category's form with the draft's answers, each field with the core's problem about it
 * (the same words the review lists).
 */
private fun IhanoiCore.formOf(id: String, category: String?, problems: List<Problem>) =
    if (category == null) emptyList()
    else {
        val answers = draftAttributes(id).associate { it.code to it.values }
        val about = problems.filter { it.attributeCode != null }.associateBy { it.attributeCode }
        serviceAttributes(category).map { attribute ->
            val choices = attribute.values.map { FieldChoice(it.key, cityText(it.name).words()) }
            FormField(
                code = attribute.code,
                kind = attribute.datatype.toKind(),
                required = attribute.required,
                asked = attribute.variable,
                label = cityText(attribute.description).words(),
                help =
                    attribute.datatypeDescription
                        ?.takeUnless { it.isBlank() || it.listsKeys(choices) }
                        ?.let { cityText(it).words() },
                choices = choices,
                values = answers[attribute.code].orEmpty(),
                problem = about[attribute.code]?.message?.words(),
            )
        }
    }

/**
 * A list's "description" that only lists its keys ("duoi_20cm | 20_50cm"), as stock servers write:
 * no help to a resident, who sees the choices' names.
 */
private fun String.listsKeys(choices: List<FieldChoice>) =
    choices.isNotEmpty() && choices.all { it.key in this }

private fun AttributeType.toKind() =
    when (this) {
        AttributeType.STRING -> FieldKind.STRING
        AttributeType.NUMBER -> FieldKind.NUMBER
        AttributeType.DATETIME -> FieldKind.DATETIME
        AttributeType.TEXT -> FieldKind.TEXT
        AttributeType.SINGLE_VALUE_LIST -> FieldKind.SINGLE_CHOICE
        AttributeType.MULTI_VALUE_LIST -> FieldKind.MULTI_CHOICE
    }

private fun NearbyCityReports.toNearby() =
    NearbyReports(
        heading = heading.words(),
        freshness = freshness?.words(),
        reports =
            reports.map { report ->
                NearbyReport(
                    id = report.serviceRequestId,
                    status = report.statusLabel.words(),
                    distanceM = report.distanceM.toInt(),
                    excerpt = report.excerpt,
                    address = report.address,
                    thumbnails = report.photos.mapNotNull { it.thumbnailPath },
                )
            },
    )

private fun Urgency.toLevel() =
    when (this) {
        Urgency.NORMAL -> UrgencyLevel.NORMAL
        Urgency.URGENT -> UrgencyLevel.URGENT
        Urgency.COMPLEX -> UrgencyLevel.COMPLEX
    }

private fun UrgencyLevel.toCore() =
    when (this) {
        UrgencyLevel.NORMAL -> Urgency.NORMAL
        UrgencyLevel.URGENT -> Urgency.URGENT
        UrgencyLevel.COMPLEX -> Urgency.COMPLEX
    }
