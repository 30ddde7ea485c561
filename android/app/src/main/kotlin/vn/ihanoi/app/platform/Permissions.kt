package vn.ihanoi.app.platform

import android.Manifest
import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/**
 * The permissions the app asks for, each when it is needed: the camera when the resident takes a
 * photo, the position on the position step, notifications once a report is queued (Android 13+).
 * Choosing photos needs none: the system picker runs outside the app.
 */
enum class AppPermission(val names: List<String>, val since: Int) {
    CAMERA(listOf(Manifest.permission.CAMERA), 1),
    // Both together: from Android 12 the resident may grant only the approximate one.
    LOCATION(
        listOf(
            Manifest.permission.ACCESS_FINE_LOCATION,
            Manifest.permission.ACCESS_COARSE_LOCATION,
        ),
        1,
    ),
    NOTIFICATIONS(listOf(Manifest.permission.POST_NOTIFICATIONS), 33),
}

/**
 * Asks for one permission at a time, in context: first the app's reason ([asking]: a dialog, why,
 * "Allow" / "Not now"), then, only if the resident agrees, the system's prompt. A refusal is shown
 * ([refused]: what works without it and how to turn it on). "Not now" is remembered: a permission
 * only [offer]ed (notifications) is not offered again; one the resident needs for a tap (camera,
 * position) is explained again on that tap, never prompted without the reason first.
 */
class PermissionPrompter(
    private val context: Context,
    private val prompt: suspend (List<String>) -> Map<String, Boolean>,
    private val sdk: Int = Build.VERSION.SDK_INT,
) {
    private val answers = context.getSharedPreferences("ihanoi_permissions", Context.MODE_PRIVATE)
    private val askingNow = MutableStateFlow<AppPermission?>(null)
    private val refusedNow = MutableStateFlow<AppPermission?>(null)
    private var answer: CompletableDeferred<Boolean>? = null

    /** The reason on screen (the app shows it as a dialog), `null` when none. */
    val asking: StateFlow<AppPermission?> = askingNow.asStateFlow()

    /** A permission just refused: the note saying what to do instead. */
    val refused: StateFlow<AppPermission?> = refusedNow.asStateFlow()

    fun granted(permission: AppPermission): Boolean =
        sdk < permission.since ||
            permission.names.any {
                context.checkSelfPermission(it) == PackageManager.PERMISSION_GRANTED
            }

    /** Whether the resident answered "Not now" to [permission]'s reason. */
    fun saidNotNow(permission: AppPermission): Boolean = answers.getBoolean(key(permission), false)

    /**
     * True once [permission] is granted, asking first (reason, then the system's prompt) when it is
     * not. False when refused, or while another permission is being explained: never two at once.
     */
    suspend fun ensure(permission: AppPermission): Boolean {
        if (granted(permission)) {
            if (refusedNow.value == permission) refusedNow.value = null
            return true
        }
        return explainThenPrompt(permission)
    }

    /**
     * Asks for [permission] unless it is granted or the resident said "Not now" to it before; what
     * the app does is the same either way. False when it will not be asked.
     */
    suspend fun offer(permission: AppPermission): Boolean {
        if (granted(permission) || saidNotNow(permission)) return false
        return explainThenPrompt(permission)
    }

    /** The resident's answer to the reason on screen. */
    fun answer(allow: Boolean) {
        val waiting = answer
        answer = null
        waiting?.complete(allow)
    }

    fun dismissRefusal() {
        refusedNow.value = null
    }

    private suspend fun explainThenPrompt(permission: AppPermission): Boolean {
        if (askingNow.value != null) return false
        val waiting = CompletableDeferred<Boolean>()
        answer = waiting
        refusedNow.value = null
        askingNow.value = permission
        val allow =
            try {
                waiting.await()
            } finally {
                askingNow.value = null
            }
        if (!allow) {
            answers.edit().putBoolean(key(permission), true).apply()
            return false
        }
        answers.edit().remove(key(permission)).apply()
        val granted = prompt(permission.names).values.any { it } || granted(permission)
        if (!granted) refusedNow.value = permission
        return granted
    }

    private fun key(permission: AppPermission) = "not_now_${permission.name.lowercase()}"
}
