package vn.ihanoi.app.ui.signin

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import vn.ihanoi.app.data.AccountRepository
import vn.ihanoi.app.data.ContactFields
import vn.ihanoi.app.data.CoreRefusal
import vn.ihanoi.app.data.Session
import vn.ihanoi.app.data.SignInMode
import vn.ihanoi.app.data.Words

/**
 * What the sign-in screen shows: on a server with sign-in the phone step, then the code step; on
 * one without, the optional personal fields. [mode] is `null` until the core answered.
 */
data class SignInUiState(
    val mode: SignInMode? = SignInMode.PHONE_CODE,
    val contact: ContactFields = ContactFields(),
    /** The personal fields were kept by the core (until the next edit). */
    val contactSaved: Boolean = false,
    val phone: String = "",
    val code: String = "",
    /** Where the code went (the city's spelling of the number); `null` before it was sent. */
    val codeSentTo: String? = null,
    val expiresInMinutes: Long = 0,
    val busy: Boolean = false,
    /** The core's words for the last refusal (a wrong code, no network, …). */
    val error: Words? = null,
    val signedIn: Boolean = false,
) {
    val canRequestCode: Boolean
        get() = phone.isNotBlank() && !busy

    val canSignIn: Boolean
        get() = codeSentTo != null && code.isNotBlank() && !busy

    val canSaveContact: Boolean
        get() = !busy && !contactSaved
}

/** Sign-in with a phone number and a one-time code, through the core (tokens never reach here). */
class SignInViewModel(private val account: AccountRepository) : ViewModel() {
    private val state = MutableStateFlow(SignInUiState(mode = null))
    val uiState: StateFlow<SignInUiState> = state.asStateFlow()

    init {
        // The profile the core learned first (offline, at once), then the server's own answer; a
        // slow server does not hold up the form shown meanwhile.
        viewModelScope.launch {
            try {
                val contact = account.contact()
                state.update { it.copy(mode = account.signInMode(), contact = contact) }
                val fresh = account.refreshSignInMode()
                state.update { it.copy(mode = fresh) }
            } catch (refused: CoreRefusal) {
                state.update {
                    it.copy(mode = it.mode ?: SignInMode.PHONE_CODE, error = refused.words)
                }
            }
        }
    }

    fun editContact(fields: ContactFields) =
        state.update { it.copy(contact = fields, contactSaved = false) }

    /** The core keeps the fields (normalized: blank ones are not sent). */
    fun saveContact() = run {
        account.saveContact(state.value.contact)
        val kept = account.contact()
        state.update { it.copy(contact = kept, contactSaved = true) }
    }

    fun editPhone(text: String) = state.update { it.copy(phone = text) }

    fun editCode(text: String) = state.update { it.copy(code = text) }

    /** Back to the phone number (a typo in it). */
    fun changePhone() = state.update { it.copy(codeSentTo = null, code = "", error = null) }

    fun requestCode() = run {
        val sent = account.requestCode(state.value.phone.trim())
        state.update {
            it.copy(codeSentTo = sent.phone, expiresInMinutes = (sent.expiresInSeconds + 59) / 60)
        }
    }

    fun signIn() = run {
        val now = state.value
        val session = account.signIn(requireNotNull(now.codeSentTo), now.code.trim())
        state.update { it.copy(signedIn = session == Session.SIGNED_IN) }
    }

    private fun run(block: suspend () -> Unit) {
        if (state.value.busy) return
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
