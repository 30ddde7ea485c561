package vn.ihanoi.app.ui.about

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.data.Licence
import vn.ihanoi.app.ui.common.ScreenTopBar
import vn.ihanoi.app.ui.common.localized

/** The about screen wired to its state holder. */
@Composable
fun AboutRoute(viewModel: AboutViewModel, onBack: () -> Unit, onOpenCheck: () -> Unit) {
    val state by viewModel.uiState.collectAsStateWithLifecycle()
    AboutScreen(state, onBack, onOpenCheck)
}

/** Versions and the licences of the data the app ships (the ward outlines are MIT). Stateless. */
@Composable
fun AboutScreen(state: AboutUiState, onBack: () -> Unit, onOpenCheck: () -> Unit = {}) {
    Scaffold(topBar = { ScreenTopBar(stringResource(R.string.about_title), onBack = onBack) }) {
        padding ->
        Column(
            Modifier.padding(padding)
                .fillMaxSize()
                .verticalScroll(rememberScrollState())
                .padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            Text(stringResource(R.string.about_body), style = MaterialTheme.typography.bodyLarge)
            Text(
                stringResource(R.string.about_version, state.appVersion, state.coreVersion),
                style = MaterialTheme.typography.bodyMedium,
            )
            Text(
                stringResource(R.string.about_data),
                style = MaterialTheme.typography.titleMedium,
                modifier = Modifier.semantics { heading() },
            )
            state.licences.forEach { LicenceCard(it) }
            // For community install teams helping a resident set the phone up.
            OutlinedButton(
                onClick = onOpenCheck,
                modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp),
            ) {
                Text(stringResource(R.string.home_check))
            }
        }
    }
}

@Composable
private fun LicenceCard(licence: Licence) {
    var open by rememberSaveable(licence.source) { mutableStateOf(false) }
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(licence.name.localized(), style = MaterialTheme.typography.titleSmall)
            Text(stringResource(R.string.about_licence, licence.spdx))
            Text(licence.source, style = MaterialTheme.typography.bodySmall)
            TextButton(onClick = { open = !open }, modifier = Modifier.heightIn(min = 48.dp)) {
                Text(
                    stringResource(
                        if (open) R.string.about_hide_licence else R.string.about_show_licence
                    )
                )
            }
            if (open) {
                Text(
                    licence.text,
                    style = MaterialTheme.typography.bodySmall,
                    fontFamily = FontFamily.Monospace,
                )
            }
        }
    }
}
