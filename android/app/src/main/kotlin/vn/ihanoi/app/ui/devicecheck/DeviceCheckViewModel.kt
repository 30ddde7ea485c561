package vn.ihanoi.app.ui.devicecheck

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import vn.ihanoi.app.data.DeviceCheckRepository
import vn.ihanoi.app.data.DeviceCheckResult

/** The device check's state holder: runs the core's check on open and on "check again". */
class DeviceCheckViewModel(private val check: DeviceCheckRepository) : ViewModel() {
    private val state = MutableStateFlow<DeviceCheckResult?>(null)

    /** `null` while the check runs (it answers within seconds even with the server down). */
    val uiState: StateFlow<DeviceCheckResult?> = state.asStateFlow()

    init {
        rerun()
    }

    fun rerun() {
        state.value = null
        viewModelScope.launch { state.value = check.run() }
    }
}
