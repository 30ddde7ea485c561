package vn.ihanoi.app.ui.about

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import vn.ihanoi.app.data.InfoRepository
import vn.ihanoi.app.data.Licence

/** What the about screen shows. */
data class AboutUiState(
    val appVersion: String,
    val coreVersion: String,
    val licences: List<Licence> = emptyList(),
)

/** The about screen's state holder: versions and the core's data licences. */
class AboutViewModel(appVersion: String, info: InfoRepository) : ViewModel() {
    private val state = MutableStateFlow(AboutUiState(appVersion, info.coreVersion()))
    val uiState: StateFlow<AboutUiState> = state.asStateFlow()

    init {
        viewModelScope.launch { state.value = state.value.copy(licences = info.licences()) }
    }
}
