package vn.ihanoi.app.platform

import android.content.Context
import android.content.SharedPreferences
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.util.Base64
import java.security.KeyStore
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import vn.ihanoi.core.SecretStore
import vn.ihanoi.core.SecretStoreException

/**
 * The core's [SecretStore] on Android: an AES-GCM key that never leaves the Android Keystore, the
 * ciphertexts in app-private preferences (excluded from backup: res/xml/backup_rules.xml, a
 * restored ciphertext could not be decrypted anyway). [keyProvider] is replaceable for tests.
 */
class KeystoreSecretStore(
    context: Context,
    private val keyProvider: () -> SecretKey = ::androidKeystoreKey,
) : SecretStore {
    private val prefs: SharedPreferences = context.getSharedPreferences(PREFS, Context.MODE_PRIVATE)

    override fun get(key: String): String? {
        val stored = prefs.getString(key, null) ?: return null
        return guarded {
            val bytes = Base64.decode(stored, Base64.NO_WRAP)
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(
                Cipher.DECRYPT_MODE,
                keyProvider(),
                GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES),
            )
            String(cipher.doFinal(bytes, IV_BYTES, bytes.size - IV_BYTES), Charsets.UTF_8)
        }
    }

    override fun set(key: String, value: String) {
        val encoded = guarded {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(Cipher.ENCRYPT_MODE, keyProvider())
            val sealed = cipher.iv + cipher.doFinal(value.toByteArray(Charsets.UTF_8))
            Base64.encodeToString(sealed, Base64.NO_WRAP)
        }
        if (!prefs.edit().putString(key, encoded).commit()) {
            throw SecretStoreException.Failed("không lưu được / could not be saved")
        }
    }

    override fun delete(key: String) {
        if (!prefs.edit().remove(key).commit()) {
            throw SecretStoreException.Failed("không xoá được / could not be deleted")
        }
    }

    private inline fun <T> guarded(block: () -> T): T =
        try {
            block()
        } catch (e: java.security.GeneralSecurityException) {
            // The exception's class says what failed; its message may quote key material paths.
            throw SecretStoreException.Failed("Keystore: ${e.javaClass.simpleName}")
        } catch (e: IllegalArgumentException) {
            throw SecretStoreException.Failed("Keystore: ${e.javaClass.simpleName}")
        }

    private companion object {
        const val PREFS = "ihanoi_secrets"
        const val ALIAS = "ihanoi_secret_store"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val IV_BYTES = 12
        const val TAG_BITS = 128

        fun androidKeystoreKey(): SecretKey {
            val keyStore = KeyStore.getInstance("AndroidKeyStore").apply { load(null) }
            (keyStore.getKey(ALIAS, null) as SecretKey?)?.let {
                return it
            }
            val generator =
                KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, "AndroidKeyStore")
            generator.init(
                KeyGenParameterSpec.Builder(
                        ALIAS,
                        KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT,
                    )
                    .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                    .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                    .setKeySize(256)
                    .build()
            )
            return generator.generateKey()
        }
    }
}
