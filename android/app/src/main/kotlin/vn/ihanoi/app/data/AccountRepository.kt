package vn.ihanoi.app.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.model.Offer
import vn.ihanoi.core.model.ResidentContact
import vn.ihanoi.core.model.ServerProfile
import vn.ihanoi.core.model.SessionState

/** Whether reports can be sent under the resident's name (the core's `SessionState`). */
enum class Session {
    SIGNED_OUT,
    SIGNED_IN,
    /** The city ended the session: queued reports wait until the resident signs in again. */
    SIGN_IN_NEEDED,
}

/** A one-time code is on its way to [phone] (as the city wrote the number). */
data class CodeRequested(val phone: String, val expiresInSeconds: Long)

/**
 * How the resident is known to the city, as the core's server profile says: a session from a phone
 * number and a one-time code, or — on a server without the sign-in extension — the standard's
 * optional personal fields sent with each report.
 */
enum class SignInMode {
    PHONE_CODE,
    CONTACT_FIELDS,
}

/** The standard's optional personal fields (blank: not sent). */
data class ContactFields(
    val email: String = "",
    val firstName: String = "",
    val lastName: String = "",
    val phone: String = "",
)

/** Signing in with a phone number and a one-time code; signing out keeps every draft. */
interface AccountRepository {
    suspend fun session(): Session

    /** From the profile the core has learned (no network); the phone flow without a city. */
    suspend fun signInMode(): SignInMode

    /** Asks the server what it offers; the cached answer when it cannot be reached. */
    suspend fun refreshSignInMode(): SignInMode

    suspend fun contact(): ContactFields

    /** Kept by the core, normalized; a field it refuses (too long) as its words. */
    suspend fun saveContact(fields: ContactFields)

    suspend fun requestCode(phone: String): CodeRequested

    suspend fun signIn(phone: String, code: String): Session

    suspend fun signOut()
}

/** [AccountRepository] over the core (tokens stay in its secure store); a refusal as its words. */
class CoreAccountRepository(
    private val core: IhanoiCore,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) : AccountRepository {
    override suspend fun session(): Session = coreCall(io) { core.sessionState().toSession() }

    override suspend fun requestCode(phone: String): CodeRequested = coreSuspendCall {
        core.requestSignInCode(phone).let { CodeRequested(it.phone, it.expiresInSeconds.toLong()) }
    }

    override suspend fun signIn(phone: String, code: String): Session = coreSuspendCall {
        core.signIn(phone, code, TaskHandle()).toSession()
    }

    override suspend fun signOut() = coreSuspendCall { core.signOut() }

    override suspend fun signInMode(): SignInMode =
        try {
            coreCall(io) { core.serverProfile().mode() }
        } catch (_: CoreRefusal) {
            // No city configured yet: the phone flow, which says so itself when used.
            SignInMode.PHONE_CODE
        }

    override suspend fun refreshSignInMode(): SignInMode =
        try {
            coreSuspendCall { core.refreshServerProfile().mode() }
        } catch (_: CoreRefusal) {
            // Offline or the server is down: what was learned before still holds.
            signInMode()
        }

    override suspend fun contact(): ContactFields =
        coreCall(io) {
            core.residentContact().let {
                ContactFields(
                    it.email.orEmpty(),
                    it.firstName.orEmpty(),
                    it.lastName.orEmpty(),
                    it.phone.orEmpty(),
                )
            }
        }

    override suspend fun saveContact(fields: ContactFields) =
        coreCall(io) {
            // The device id is the core's to keep: the one it has stays.
            val kept = core.residentContact().deviceId
            core.setResidentContact(
                ResidentContact(
                    email = fields.email,
                    firstName = fields.firstName,
                    lastName = fields.lastName,
                    phone = fields.phone,
                    deviceId = kept,
                )
            )
        }
}

/** Only a server known to lack the extension takes the personal fields instead of a session. */
private fun ServerProfile.mode() =
    if (signIn == Offer.NOT_OFFERED) SignInMode.CONTACT_FIELDS else SignInMode.PHONE_CODE

private fun SessionState.toSession() =
    when (this) {
        SessionState.SIGNED_OUT -> Session.SIGNED_OUT
        SessionState.SIGNED_IN -> Session.SIGNED_IN
        SessionState.SIGN_IN_NEEDED -> Session.SIGN_IN_NEEDED
    }
