package vn.ihanoi.tests.support

import java.util.Collections
import java.util.concurrent.ConcurrentHashMap
import vn.ihanoi.core.SecretStore
import vn.ihanoi.core.SecretStoreException

/**
 * A Kotlin [SecretStore] as a shell writes one (the Android shell backs it with the
 * Keystore): a map in memory that also records every call the core makes, so tests
 * can prove the core reached the Kotlin implementation.
 */
class RecordingSecretStore(initial: Map<String, String> = emptyMap()) : SecretStore {
    sealed interface Call {
        data class Get(val key: String) : Call
        data class Set(val key: String, val value: String) : Call
        data class Delete(val key: String) : Call
    }

    private val entries = ConcurrentHashMap(initial)
    private val recorded = Collections.synchronizedList(mutableListOf<Call>())

    /** Every call the core made, oldest first. */
    val calls: List<Call>
        get() = synchronized(recorded) { recorded.toList() }

    override fun get(key: String): String? {
        recorded += Call.Get(key)
        return entries[key]
    }

    override fun set(key: String, value: String) {
        recorded += Call.Set(key, value)
        entries[key] = value
    }

    override fun delete(key: String) {
        recorded += Call.Delete(key)
        entries.remove(key)
    }
}

/** A store whose every call fails with [failure], like a locked keychain. */
class FailingSecretStore(private val failure: () -> Exception) : SecretStore {
    override fun get(key: String): String? {
        throw failure()
    }

    override fun set(key: String, value: String) {
        throw failure()
    }

    override fun delete(key: String) {
        throw failure()
    }

    companion object {
        /** Fails the way the generated interface declares: [SecretStoreException.Failed]. */
        fun declared(message: String) = FailingSecretStore { SecretStoreException.Failed(message) }

        /** Fails with an exception the interface does not declare (a bug in the shell). */
        fun unexpected(message: String) = FailingSecretStore { IllegalStateException(message) }
    }
}
