package vn.ihanoi.app.ui.common

import android.content.Intent
import android.net.Uri
import android.provider.Settings
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.platform.AppPermission
import vn.ihanoi.app.platform.PermissionPrompter

/**
 * Over any screen: the reason for the permission being asked (before the system's prompt), or what
 * to do once one was refused. At most one of them at a time, as [PermissionPrompter] asks.
 */
@Composable
fun PermissionPrompts(prompter: PermissionPrompter) {
    val asking by prompter.asking.collectAsStateWithLifecycle()
    val refused by prompter.refused.collectAsStateWithLifecycle()
    asking?.let { PermissionReason(it, onAnswer = prompter::answer) }
        ?: refused?.let { PermissionRefused(it, onClose = prompter::dismissRefusal) }
}

/** Why the app asks; "Allow" goes on to the system's prompt, "Not now" is remembered. */
@Composable
fun PermissionReason(permission: AppPermission, onAnswer: (Boolean) -> Unit) {
    val (title, reason) = words(permission)
    AlertDialog(
        onDismissRequest = { onAnswer(false) },
        title = { Text(stringResource(title)) },
        text = { Text(stringResource(reason)) },
        confirmButton = {
            TextButton(onClick = { onAnswer(true) }) {
                Text(stringResource(R.string.permission_allow))
            }
        },
        dismissButton = {
            TextButton(onClick = { onAnswer(false) }) {
                Text(stringResource(R.string.permission_not_now))
            }
        },
    )
}

/** A refused permission: what works without it and where to turn it on. */
@Composable
fun PermissionRefused(permission: AppPermission, onClose: () -> Unit) {
    val context = LocalContext.current
    val (_, _, refused) = words(permission)
    // Not "allow …" any more: the title says what is off.
    val title =
        when (permission) {
            AppPermission.CAMERA -> R.string.permission_camera_off
            AppPermission.LOCATION -> R.string.permission_location_off
            AppPermission.NOTIFICATIONS -> R.string.permission_notifications_off
        }
    AlertDialog(
        onDismissRequest = onClose,
        title = { Text(stringResource(title)) },
        text = { Text(stringResource(refused)) },
        confirmButton = {
            TextButton(
                onClick = {
                    onClose()
                    context.startActivity(
                        Intent(Settings.ACTION_APPLICATION_DETAILS_SETTINGS)
                            .setData(Uri.fromParts("package", context.packageName, null))
                            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
                    )
                }
            ) {
                Text(stringResource(R.string.permission_open_settings))
            }
        },
        dismissButton = {
            TextButton(onClick = onClose) { Text(stringResource(R.string.permission_close)) }
        },
    )
}

private fun words(permission: AppPermission): Triple<Int, Int, Int> =
    when (permission) {
        AppPermission.CAMERA ->
            Triple(
                R.string.permission_camera_title,
                R.string.permission_camera_reason,
                R.string.permission_camera_refused,
            )
        AppPermission.LOCATION ->
            Triple(
                R.string.permission_location_title,
                R.string.permission_location_reason,
                R.string.permission_location_refused,
            )
        AppPermission.NOTIFICATIONS ->
            Triple(
                R.string.permission_notifications_title,
                R.string.permission_notifications_reason,
                R.string.permission_notifications_refused,
            )
    }
