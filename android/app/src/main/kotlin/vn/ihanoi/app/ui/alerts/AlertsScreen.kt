package vn.ihanoi.app.ui.alerts

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.data.CityAlert
import vn.ihanoi.app.ui.common.ScreenTopBar
import vn.ihanoi.app.ui.common.StateChip
import vn.ihanoi.app.ui.common.localized

/** The alerts screen wired to its state holder. */
@Composable
fun AlertsRoute(viewModel: AlertsViewModel, onBack: () -> Unit) {
    val alerts by viewModel.uiState.collectAsStateWithLifecycle()
    AlertsScreen(alerts, onBack = onBack, onOpen = viewModel::markRead)
}

/** "Truyền thông, cảnh báo": the city's live alerts, unread ones in bold. Stateless. */
@Composable
fun AlertsScreen(alerts: List<CityAlert>?, onBack: () -> Unit, onOpen: (String) -> Unit) {
    Scaffold(topBar = { ScreenTopBar(stringResource(R.string.alerts_title), onBack = onBack) }) {
        padding ->
        LazyColumn(
            contentPadding =
                PaddingValues(
                    start = 16.dp,
                    end = 16.dp,
                    top = padding.calculateTopPadding() + 8.dp,
                    bottom = padding.calculateBottomPadding() + 16.dp,
                ),
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            if (alerts != null && alerts.isEmpty()) {
                item { Text(stringResource(R.string.alerts_none)) }
            }
            items(alerts.orEmpty(), key = { it.id }) { alert -> AlertCard(alert, onOpen) }
        }
    }
}

@Composable
private fun AlertCard(alert: CityAlert, onOpen: (String) -> Unit) {
    val unread = stringResource(R.string.alerts_unread)
    Card(onClick = { onOpen(alert.id) }, modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp)) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            StateChip(alert.severity.localized(), attention = alert.danger)
            Text(
                if (alert.unread) "${alert.title.localized()} · $unread"
                else alert.title.localized(),
                style = MaterialTheme.typography.titleMedium,
                fontWeight = if (alert.unread) FontWeight.Bold else FontWeight.Normal,
            )
            Text(alert.body.localized(), style = MaterialTheme.typography.bodyMedium)
        }
    }
}
