package vn.ihanoi.app.ui.newreport

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.stateIn
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import vn.ihanoi.app.data.CategoryOption
import vn.ihanoi.app.data.CoreRefusal
import vn.ihanoi.app.data.DraftData
import vn.ihanoi.app.data.NearbyReports
import vn.ihanoi.app.data.NewReportRepository
import vn.ihanoi.app.data.PhotoOrigin
import vn.ihanoi.app.data.UrgencyLevel
import vn.ihanoi.app.data.UrgencyOption
import vn.ihanoi.app.data.WardSurroundings
import vn.ihanoi.app.data.Words

/** The guided flow's steps, in order. */
enum class NewReportStep {
    PHOTOS,
    POSITION,
    CATEGORY,
    DETAILS,
    REVIEW,
}

/** What the new-report screen shows. */
sealed interface NewReportUiState {
    data object Loading : NewReportUiState

    data class Editing(
        val step: NewReportStep,
        val draft: DraftData,
        /** What the resident typed (written to the core as typed; shown from here). */
        val description: String,
        val address: String,
        val categoryQuery: String,
        val categories: List<CategoryOption>,
        val urgencies: List<UrgencyOption>,
        /** A photo or position request is running. */
        val busy: Boolean,
        /** The last request found nothing (no position, no photo taken). */
        val nothingFound: Boolean,
        val queued: Boolean,
        /** The core's words for the last refused action (a photo it cannot read, …). */
        val error: Words? = null,
        /** The ward outlines around the pin (or the city centre before there is one). */
        val surroundings: WardSurroundings? = null,
        /** The city's open reports of the category nearby, shown on the review. */
        val nearby: NearbyReports? = null,
    ) : NewReportUiState
}

/**
 * The new-report flow's state holder. The draft lives in the core: each edit is written through at
 * once, one at a time in the order typed, and the screen follows the core's observer. Only the step
 * and the search text live here (the step survives in the saved route).
 */
class NewReportViewModel(
    private val id: String,
    private val repository: NewReportRepository,
    firstStep: NewReportStep = NewReportStep.PHOTOS,
) : ViewModel(), NewReportActions {
    private val local =
        MutableStateFlow(
            Local(step = firstStep, urgencies = repository.urgencies(), categories = emptyList())
        )
    private val writes = Mutex()

    val uiState: StateFlow<NewReportUiState> =
        combine(repository.draft(id), local) { draft, local ->
                NewReportUiState.Editing(
                    step = local.step,
                    // Typed answers show as typed; the core's problems follow its observer.
                    draft =
                        draft.copy(
                            form =
                                draft.form.map { field ->
                                    local.answers[field.code]?.let { field.copy(values = it) }
                                        ?: field
                                }
                        ),
                    description = local.description ?: draft.description,
                    address = local.address ?: draft.address,
                    categoryQuery = local.query,
                    categories = local.categories,
                    urgencies = local.urgencies,
                    busy = local.busy,
                    nothingFound = local.nothingFound,
                    queued = local.queued,
                    error = local.error,
                    surroundings = local.surroundings,
                    nearby = local.nearby,
                ) as NewReportUiState
            }
            .stateIn(
                viewModelScope,
                SharingStarted.WhileSubscribed(5_000),
                NewReportUiState.Loading,
            )

    private var nearbyLook: Job? = null

    init {
        searchCategories("")
        if (firstStep == NewReportStep.REVIEW) lookNearby()
        viewModelScope.launch {
            repository
                .draft(id)
                .map { draft -> draft.position?.let { it.lat to it.lon } }
                .distinctUntilChanged()
                .collectLatest { at ->
                    val (lat, lon) = at ?: (CITY_CENTRE_LAT to CITY_CENTRE_LON)
                    val around =
                        try {
                            repository.surroundings(lat, lon, OUTLINE_RADIUS_M)
                        } catch (_: CoreRefusal) {
                            // No boundary data: the map still shows the pin on its grid.
                            null
                        }
                    local.update { it.copy(surroundings = around) }
                }
        }
    }

    override fun goTo(step: NewReportStep) {
        local.update { it.copy(step = step, nothingFound = false) }
        if (step == NewReportStep.REVIEW) lookNearby()
    }

    /**
     * Others' reports nearby for the review: the answer kept at once (offline), then the city's.
     * Asked each time the review opens (the category or pin may have changed); no answer (no
     * category or position yet, no network and nothing kept) leaves the section out.
     */
    private fun lookNearby() {
        nearbyLook?.cancel()
        nearbyLook =
            viewModelScope.launch {
                try {
                    local.update { it.copy(nearby = repository.cachedNearby(id)) }
                    val live = repository.nearby(id)
                    local.update { it.copy(nearby = live) }
                } catch (_: CoreRefusal) {
                    // Not a blocker: the review's own problems say what is missing.
                }
            }
    }

    override fun next() = step(+1)

    override fun previous() = step(-1)

    private fun step(by: Int) {
        val steps = NewReportStep.entries
        val at = (steps.indexOf(local.value.step) + by).coerceIn(0, steps.size - 1)
        goTo(steps[at])
    }

    override fun addPhotos(origin: PhotoOrigin) = busy {
        local.update { it.copy(nothingFound = repository.addPhotos(id, origin) == 0) }
    }

    override fun removePhoto(photoId: String) = write { repository.removePhoto(id, photoId) }

    /** Moves a photo [by] places (−1 earlier, +1 later) in the core's order. */
    override fun movePhoto(photoId: String, by: Int) = write {
        val ids = draftNow()?.photos?.map { it.id } ?: return@write
        val from = ids.indexOf(photoId)
        val to = from + by
        if (from < 0 || to !in ids.indices) return@write
        repository.reorderPhotos(id, ids.toMutableList().apply { add(to, removeAt(from)) })
    }

    override fun locate() = busy { local.update { it.copy(nothingFound = !repository.locate(id)) } }

    override fun placePin(lat: Double, lon: Double) = write { repository.placePin(id, lat, lon) }

    override fun searchCategories(query: String) {
        local.update { it.copy(query = query) }
        viewModelScope.launch {
            val found = repository.categories(query)
            // A slower search for an older text must not replace the newer one's list.
            local.update { if (it.query == query) it.copy(categories = found) else it }
        }
    }

    override fun chooseCategory(code: String) = write { repository.setCategory(id, code) }

    override fun editDescription(text: String) {
        local.update { it.copy(description = text) }
        write { repository.setDescription(id, text) }
    }

    override fun editAddress(text: String) {
        local.update { it.copy(address = text) }
        write { repository.setAddress(id, text) }
    }

    override fun chooseUrgency(level: UrgencyLevel) = write { repository.setUrgency(id, level) }

    override fun answer(code: String, values: List<String>) {
        local.update { it.copy(answers = it.answers + (code to values)) }
        write { repository.setAnswer(id, code, values) }
    }

    override fun queue() = write {
        repository.queue(id)
        local.update { it.copy(queued = true) }
    }

    private fun draftNow(): DraftData? = (uiState.value as? NewReportUiState.Editing)?.draft

    /**
     * Edits reach the core one at a time, in order (typing fast never reorders them); a refusal is
     * shown in the core's words until the next action.
     */
    private fun write(block: suspend () -> Unit) {
        viewModelScope.launch {
            writes.withLock {
                local.update { it.copy(error = null) }
                try {
                    block()
                } catch (refused: CoreRefusal) {
                    local.update { it.copy(error = refused.words) }
                }
            }
        }
    }

    private fun busy(block: suspend () -> Unit) = write {
        local.update { it.copy(busy = true, nothingFound = false) }
        try {
            block()
        } finally {
            local.update { it.copy(busy = false) }
        }
    }

    private data class Local(
        val step: NewReportStep,
        val urgencies: List<UrgencyOption>,
        val categories: List<CategoryOption>,
        val query: String = "",
        val description: String? = null,
        val address: String? = null,
        val busy: Boolean = false,
        val nothingFound: Boolean = false,
        val queued: Boolean = false,
        val error: Words? = null,
        val answers: Map<String, List<String>> = emptyMap(),
        val surroundings: WardSurroundings? = null,
        val nearby: NearbyReports? = null,
    )
}
