package vn.ihanoi.app.ui.devicecheck

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.data.CheckRow
import vn.ihanoi.app.data.DeviceCheckResult
import vn.ihanoi.app.ui.common.ScreenTopBar
import vn.ihanoi.app.ui.common.StateChip
import vn.ihanoi.app.ui.common.localized

/** The device check wired to its state holder. */
@Composable
fun DeviceCheckRoute(viewModel: DeviceCheckViewModel, onBack: () -> Unit) {
    val result by viewModel.uiState.collectAsStateWithLifecycle()
    DeviceCheckScreen(result, onBack = onBack, onRerun = viewModel::rerun)
}

/**
 * For community install teams: the core's verdict and rows (what was found, what to do), worst
 * first in the core's order. Stateless.
 */
@Composable
fun DeviceCheckScreen(result: DeviceCheckResult?, onBack: () -> Unit, onRerun: () -> Unit) {
    Scaffold(topBar = { ScreenTopBar(stringResource(R.string.check_title), onBack = onBack) }) {
        padding ->
        Column(
            Modifier.padding(padding)
                .fillMaxSize()
                .verticalScroll(rememberScrollState())
                .padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            if (result == null) {
                Text(stringResource(R.string.check_running))
                CircularProgressIndicator()
            } else {
                Text(
                    stringResource(R.string.check_verdict, result.verdict.localized()),
                    style = MaterialTheme.typography.titleLarge,
                )
                result.rows.forEach { Row(it) }
                Button(
                    onClick = onRerun,
                    modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp),
                ) {
                    Text(stringResource(R.string.check_again))
                }
            }
        }
    }
}

@Composable
private fun Row(row: CheckRow) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            StateChip(row.status.localized(), attention = row.failing)
            Text(row.label.localized(), style = MaterialTheme.typography.bodyLarge)
            row.action
                .localized()
                .takeIf { it.isNotBlank() }
                ?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
            row.detail?.let {
                Text(
                    it,
                    style = MaterialTheme.typography.bodySmall,
                    color = MaterialTheme.colorScheme.onSurfaceVariant,
                )
            }
        }
    }
}
