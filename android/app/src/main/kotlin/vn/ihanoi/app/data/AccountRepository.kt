package vn.ihanoi.app.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.TaskHandle
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

/** Signing in with a phone number and a one-time code; signing out keeps every draft. */
interface AccountRepository {
    suspend fun session(): Session

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
}

private fun SessionState.toSession() =
    when (this) {
        SessionState.SIGNED_OUT -> Session.SIGNED_OUT
        SessionState.SIGNED_IN -> Session.SIGNED_IN
        SessionState.SIGN_IN_NEEDED -> Session.SIGN_IN_NEEDED
    }
