package vn.ihanoi.app.ui.settings

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.data.Session
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
    SettingsScreen(state, onBack, onSignIn, viewModel::signOut, onOpenAbout)
}

/** The account (sign in, sign out keeping drafts) and the way to "about". Stateless. */
@Composable
fun SettingsScreen(
    state: SettingsUiState,
    onBack: () -> Unit,
    onSignIn: () -> Unit,
    onSignOut: () -> Unit,
    onOpenAbout: () -> Unit,
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
            Text(
                stringResource(R.string.settings_account),
                style = MaterialTheme.typography.titleMedium,
                modifier = Modifier.semantics { heading() },
            )
            state.error?.let { Text(it.localized(), color = MaterialTheme.colorScheme.error) }
            when (state.session) {
                null -> Unit
                Session.SIGNED_IN -> {
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
                Session.SIGNED_OUT,
                Session.SIGN_IN_NEEDED -> {
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
            HorizontalDivider()
            TextButton(onClick = onOpenAbout, modifier = Modifier.heightIn(min = 48.dp)) {
                Text(stringResource(R.string.about_title))
            }
        }
    }
}
