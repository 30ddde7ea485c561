package vn.ihanoi.app.ui.home

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import vn.ihanoi.app.data.ReportSummary
import vn.ihanoi.app.data.ReportsRepository

/** What the home screen shows. */
sealed interface HomeUiState {
    data object Loading : HomeUiState

    data object Empty : HomeUiState

    data class Reports(val reports: List<ReportSummary>) : HomeUiState
}

/** The home screen's state holder: reads the resident's reports from the core. */
class HomeViewModel(private val reports: ReportsRepository) : ViewModel() {
    private val state = MutableStateFlow<HomeUiState>(HomeUiState.Loading)
    val uiState: StateFlow<HomeUiState> = state.asStateFlow()

    init {
        refresh()
    }

    fun refresh() {
        viewModelScope.launch {
            val mine = reports.myReports()
            state.value = if (mine.isEmpty()) HomeUiState.Empty else HomeUiState.Reports(mine)
        }
    }

    /** Starts a report: the new draft's id goes to [opened] (the new-report flow). */
    fun newReport(opened: (String) -> Unit) {
        viewModelScope.launch {
            opened(reports.createDraft())
            refresh()
        }
    }
}
