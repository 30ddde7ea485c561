package vn.ihanoi.tests.secrets

import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.tests.support.FailingSecretStore
import vn.ihanoi.tests.support.RecordingSecretStore
import vn.ihanoi.tests.support.RecordingSecretStore.Call
import vn.ihanoi.tests.support.openCore

/** The core reads secrets through a store the Kotlin shell implements (Keystore on Android). */
class SecretStoreTest {
    @TempDir
    lateinit var dataDir: Path

    private val accessTokenKey = "vn.ihanoi.access_token"

    @Test
    fun `the core asks the Kotlin store for the access token`() {
        val store = RecordingSecretStore()
        openCore(dataDir, store).use { core ->
            assertFalse(core.hasAccessToken())
        }
        assertTrue(Call.Get(accessTokenKey) in store.calls, "calls: ${store.calls}")
    }

    @Test
    fun `a token kept by the Kotlin store is seen by the core`() {
        val store = RecordingSecretStore(mapOf(accessTokenKey to "token-from-keystore"))
        openCore(dataDir, store).use { core ->
            assertTrue(core.hasAccessToken())
            store.delete(accessTokenKey)
            assertFalse(core.hasAccessToken())
        }
        // The core only reads here; it never writes a secret it was not given.
        assertTrue(store.calls.none { it is Call.Set }, "calls: ${store.calls}")
    }

    @Test
    fun `a store failure reaches Kotlin as IhanoiException SecretStore`() {
        openCore(dataDir, FailingSecretStore.declared("Keystore locked")).use { core ->
            val error = assertThrows<IhanoiException.SecretStore> { core.hasAccessToken() }
            assertTrue("Keystore locked" in error.message, error.message)
        }
    }

    @Test
    fun `an undeclared exception in the store is also a typed error, not a crash`() {
        openCore(dataDir, FailingSecretStore.unexpected("bug in the shell")).use { core ->
            val error = assertThrows<IhanoiException> { core.hasAccessToken() }
            assertTrue(
                error is IhanoiException.SecretStore || error is IhanoiException.Unexpected,
                "got ${error::class.simpleName}: ${error.message}",
            )
            // The core goes on working after its callback failed.
            val id = core.createDraft().id
            assertEquals(id, core.report(id).id)
        }
    }
}
