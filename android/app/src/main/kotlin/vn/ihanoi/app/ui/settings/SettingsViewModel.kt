package vn.ihanoi.app.ui.settings

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import vn.ihanoi.app.data.AccountRepository
import vn.ihanoi.app.data.AppSettings
import vn.ihanoi.app.data.CoreRefusal
import vn.ihanoi.app.data.LanguageSetting
import vn.ihanoi.app.data.PhotoSize
import vn.ihanoi.app.data.Session
import vn.ihanoi.app.data.SettingChoice
import vn.ihanoi.app.data.SettingsRepository
import vn.ihanoi.app.data.SignInMode
import vn.ihanoi.app.data.Words

/**
 * What the settings screen shows; [session] and [settings] are `null` until the core answered. The
 * pickers' rows are the core's ([languages], [photoSizes]).
 */
data class SettingsUiState(
    val session: Session? = null,
    val mode: SignInMode = SignInMode.PHONE_CODE,
    val settings: AppSettings? = null,
    val languages: List<SettingChoice<LanguageSetting>> = emptyList(),
    val photoSizes: List<SettingChoice<PhotoSize>> = emptyList(),
    val busy: Boolean = false,
    val error: Words? = null,
)

/**
 * The settings' state holder: the account (sign-in state or the contact fields, sign out keeping
 * drafts) and the app's settings kept by the core (language, photo size, photos only on Wi-Fi).
 */
class SettingsViewModel(
    private val account: AccountRepository,
    private val settings: SettingsRepository,
) : ViewModel() {
    private val state =
        MutableStateFlow(
            SettingsUiState(
                languages = settings.languageChoices(),
                photoSizes = settings.photoSizeChoices(),
            )
        )
    val uiState: StateFlow<SettingsUiState> = state.asStateFlow()

    init {
        refresh()
    }

    /** Reads the session and settings again (after coming back from the sign-in screen). */
    fun refresh() = run {
        val mode = account.signInMode()
        val session = account.session()
        val now = settings.load()
        state.update { it.copy(session = session, mode = mode, settings = now) }
    }

    /** Forgets the session; the core keeps every draft and queued report. */
    fun signOut() = run {
        account.signOut()
        state.update { it.copy(session = account.session()) }
    }

    /** Applied to the whole app at once (it follows the repository's settings). */
    fun chooseLanguage(language: LanguageSetting) = change { settings.setLanguage(language) }

    fun choosePhotoSize(size: PhotoSize) = change { settings.setPhotoSize(size) }

    fun setPhotosOnlyOnWifi(on: Boolean) = change { settings.setPhotosOnlyOnWifi(on) }

    private fun change(block: suspend () -> AppSettings) = run {
        val now = block()
        state.update { it.copy(settings = now) }
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
