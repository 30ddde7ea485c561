package vn.ihanoi.app.ui.report

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onStart
import kotlinx.coroutines.flow.stateIn
import kotlinx.coroutines.launch
import vn.ihanoi.app.data.ReportDetail
import vn.ihanoi.app.data.ReportDetailRepository

/** What the report screen shows. */
sealed interface ReportDetailUiState {
    data object Loading : ReportDetailUiState

    data class Shown(val report: ReportDetail) : ReportDetailUiState
}

/**
 * The report screen's state holder: follows the report through the core's observer and marks its
 * timeline read when opened.
 */
class ReportDetailViewModel(private val id: String, private val reports: ReportDetailRepository) :
    ViewModel() {
    val uiState: StateFlow<ReportDetailUiState> =
        reports
            .detail(id)
            .onStart { reports.markRead(id) }
            .map<ReportDetail, ReportDetailUiState> { ReportDetailUiState.Shown(it) }
            .stateIn(
                viewModelScope,
                SharingStarted.WhileSubscribed(5_000),
                ReportDetailUiState.Loading,
            )

    /** Queue for sending; the screen offers it only when the core says it can be queued. */
    fun queue() {
        viewModelScope.launch { reports.queue(id) }
    }
}
