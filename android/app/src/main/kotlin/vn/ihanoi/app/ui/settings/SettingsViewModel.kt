package vn.ihanoi.app.ui.settings

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import vn.ihanoi.app.data.AccountRepository
import vn.ihanoi.app.data.CoreRefusal
import vn.ihanoi.app.data.Session
import vn.ihanoi.app.data.Words

/** What the settings screen shows; [session] is `null` until the core answered. */
data class SettingsUiState(
    val session: Session? = null,
    val busy: Boolean = false,
    val error: Words? = null,
)

/** The settings' state holder: the account part (sign-in state, sign out keeping drafts). */
class SettingsViewModel(private val account: AccountRepository) : ViewModel() {
    private val state = MutableStateFlow(SettingsUiState())
    val uiState: StateFlow<SettingsUiState> = state.asStateFlow()

    init {
        refresh()
    }

    /** Reads the session again (after coming back from the sign-in screen). */
    fun refresh() = run { state.update { it.copy(session = account.session()) } }

    /** Forgets the session; the core keeps every draft and queued report. */
    fun signOut() = run {
        account.signOut()
        state.update { it.copy(session = account.session()) }
    }

    private fun run(block: suspend () -> Unit) {
        state.update { it.copy(busy = true, error = null) }
        viewModelScope.launch {
            try {
                block()
            } catch (refused: CoreRefusal) {
                state.update { it.copy(error = refused.words) }
            } finally {
                state.update { it.copy(busy = false) }
            }
        }
    }
}
