package vn.ihanoi.app.ui.alerts

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.stateIn
import kotlinx.coroutines.launch
import vn.ihanoi.app.data.CityAlert
import vn.ihanoi.app.data.InfoRepository

/** The alerts screen's state holder: the core's live alerts; `null` until first read. */
class AlertsViewModel(private val info: InfoRepository) : ViewModel() {
    val uiState: StateFlow<List<CityAlert>?> =
        info.alerts().stateIn(viewModelScope, SharingStarted.WhileSubscribed(5_000), null)

    fun markRead(id: String) {
        viewModelScope.launch { info.markAlertRead(id) }
    }
}
