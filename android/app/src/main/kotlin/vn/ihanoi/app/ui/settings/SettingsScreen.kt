package vn.ihanoi.app.ui.settings

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.data.LanguageSetting
import vn.ihanoi.app.data.PhotoSize
import vn.ihanoi.app.data.Session
import vn.ihanoi.app.data.SettingChoice
import vn.ihanoi.app.data.SignInMode
import vn.ihanoi.app.ui.common.ScreenTopBar
import vn.ihanoi.app.ui.common.localized

/** The settings screen wired to its state holder. */
@Composable
fun SettingsRoute(
    viewModel: SettingsViewModel,
    onBack: () -> Unit,
    onSignIn: () -> Unit,
    onOpenAbout: () -> Unit,
) {
    val state by viewModel.uiState.collectAsStateWithLifecycle()
    SettingsScreen(
        state,
        onBack,
        onSignIn,
        viewModel::signOut,
        onOpenAbout,
        onLanguage = viewModel::chooseLanguage,
        onPhotoSize = viewModel::choosePhotoSize,
        onPhotosOnlyOnWifi = viewModel::setPhotosOnlyOnWifi,
    )
}

/**
 * The account (sign in and sign out keeping drafts, or the contact fields on a server without
 * sign-in), the language, the photos' size and network, and the way to "about". Stateless.
 */
@Composable
fun SettingsScreen(
    state: SettingsUiState,
    onBack: () -> Unit,
    onSignIn: () -> Unit,
    onSignOut: () -> Unit,
    onOpenAbout: () -> Unit,
    onLanguage: (LanguageSetting) -> Unit = {},
    onPhotoSize: (PhotoSize) -> Unit = {},
    onPhotosOnlyOnWifi: (Boolean) -> Unit = {},
) {
    Scaffold(topBar = { ScreenTopBar(stringResource(R.string.settings_title), onBack = onBack) }) {
        padding ->
        Column(
            Modifier.padding(padding)
                .fillMaxSize()
                .verticalScroll(rememberScrollState())
                .padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            Heading(R.string.settings_account)
            state.error?.let { Text(it.localized(), color = MaterialTheme.colorScheme.error) }
            val session = state.session
            when {
                session == null -> Unit
                // Without the sign-in extension there is no session: reports carry these fields.
                state.mode == SignInMode.CONTACT_FIELDS -> {
                    Text(stringResource(R.string.settings_contact_mode))
                    OutlinedButton(onClick = onSignIn, modifier = Modifier.heightIn(min = 48.dp)) {
                        Text(stringResource(R.string.settings_contact_edit))
                    }
                }
                session == Session.SIGNED_IN -> {
                    Text(stringResource(R.string.settings_signed_in))
                    Text(
                        stringResource(R.string.settings_sign_out_keeps),
                        style = MaterialTheme.typography.bodyMedium,
                        color = MaterialTheme.colorScheme.onSurfaceVariant,
                    )
                    OutlinedButton(
                        onClick = onSignOut,
                        enabled = !state.busy,
                        modifier = Modifier.heightIn(min = 48.dp),
                    ) {
                        Text(stringResource(R.string.settings_sign_out))
                    }
                }
                else -> {
                    Text(
                        stringResource(
                            if (state.session == Session.SIGN_IN_NEEDED)
                                R.string.settings_sign_in_needed
                            else R.string.settings_signed_out
                        )
                    )
                    Button(onClick = onSignIn, modifier = Modifier.heightIn(min = 48.dp)) {
                        Text(stringResource(R.string.signin_title))
                    }
                }
            }
            state.settings?.let { settings ->
                HorizontalDivider()
                Heading(R.string.settings_language)
                state.languages.forEach {
                    ChoiceRow(it, selected = it.value == settings.language, enabled = !state.busy) {
                        onLanguage(it.value)
                    }
                }
                HorizontalDivider()
                Heading(R.string.settings_photos)
                Text(
                    stringResource(R.string.settings_photo_size),
                    style = MaterialTheme.typography.titleSmall,
                )
                state.photoSizes.forEach {
                    ChoiceRow(
                        it,
                        selected = it.value == settings.photoSize,
                        enabled = !state.busy,
                    ) {
                        onPhotoSize(it.value)
                    }
                }
                SwitchRow(
                    R.string.settings_wifi_only,
                    R.string.settings_wifi_only_hint,
                    checked = settings.photosOnlyOnWifi,
                    enabled = !state.busy,
                    onChange = onPhotosOnlyOnWifi,
                )
            }
            HorizontalDivider()
            TextButton(onClick = onOpenAbout, modifier = Modifier.heightIn(min = 48.dp)) {
                Text(stringResource(R.string.about_title))
            }
        }
    }
}

@Composable
private fun Heading(text: Int) {
    Text(
        stringResource(text),
        style = MaterialTheme.typography.titleMedium,
        modifier = Modifier.semantics { heading() },
    )
}

/** One row of a picker: the core's label and, when it has one, when to choose it. */
@Composable
private fun <T> ChoiceRow(
    choice: SettingChoice<T>,
    selected: Boolean,
    enabled: Boolean,
    onSelect: () -> Unit,
) {
    Row(
        Modifier.fillMaxWidth()
            .heightIn(min = 48.dp)
            .selectable(selected, enabled = enabled, role = Role.RadioButton, onClick = onSelect),
        verticalAlignment = Alignment.CenterVertically,
        horizontalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        RadioButton(selected = selected, onClick = null, enabled = enabled)
        Column(Modifier.weight(1f)) {
            Text(choice.label.localized(), style = MaterialTheme.typography.bodyLarge)
            choice.hint?.let {
                Text(
                    it.localized(),
                    style = MaterialTheme.typography.bodyMedium,
                    color = MaterialTheme.colorScheme.onSurfaceVariant,
                )
            }
        }
    }
}

@Composable
private fun SwitchRow(
    title: Int,
    hint: Int,
    checked: Boolean,
    enabled: Boolean,
    onChange: (Boolean) -> Unit,
) {
    Row(
        Modifier.fillMaxWidth()
            .heightIn(min = 48.dp)
            .toggleable(checked, enabled = enabled, role = Role.Switch, onValueChange = onChange),
        verticalAlignment = Alignment.CenterVertically,
        horizontalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Column(Modifier.weight(1f)) {
            Text(stringResource(title), style = MaterialTheme.typography.bodyLarge)
            Text(
                stringResource(hint),
                style = MaterialTheme.typography.bodyMedium,
                color = MaterialTheme.colorScheme.onSurfaceVariant,
            )
        }
        Switch(checked = checked, onCheckedChange = null, enabled = enabled)
    }
}
