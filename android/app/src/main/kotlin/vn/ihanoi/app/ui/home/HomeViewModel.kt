package vn.ihanoi.app.ui.home

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.stateIn
import kotlinx.coroutines.launch
import vn.ihanoi.app.data.Counts
import vn.ihanoi.app.data.ReportSummary
import vn.ihanoi.app.data.ReportsRepository
import vn.ihanoi.app.data.Words

/** What the home screen shows. */
sealed interface HomeUiState {
    data object Loading : HomeUiState

    data object Empty : HomeUiState

    data class Reports(
        val reports: List<ReportSummary>,
        /** The outbox's line from the core; `null` when nothing waits. */
        val outbox: Words? = null,
        val counts: Counts = Counts(),
    ) : HomeUiState
}

/**
 * The home screen's state holder: the core's observers (report list, badge numbers, sync activity)
 * through the repository, so the screen follows edits, sends and pulls without polling.
 */
class HomeViewModel(private val reports: ReportsRepository) : ViewModel() {
    val uiState: StateFlow<HomeUiState> =
        reports
            .home()
            .map {
                if (it.reports.isEmpty()) HomeUiState.Empty
                else HomeUiState.Reports(it.reports, it.outbox, it.counts)
            }
            .stateIn(
                viewModelScope,
                SharingStarted.WhileSubscribed(STOP_AFTER_MS),
                HomeUiState.Loading,
            )

    /** Starts a report: the new draft's id goes to [opened] (the new-report flow). */
    fun newReport(opened: (String) -> Unit) {
        viewModelScope.launch { opened(reports.createDraft()) }
    }

    private companion object {
        // Keeps the observers through a configuration change (rotation), not in the background.
        const val STOP_AFTER_MS = 5_000L
    }
}
