package vn.ihanoi.app.ui.home

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExtendedFloatingActionButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableIntStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.layout.onSizeChanged
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.Dp
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.data.ReportStatus
import vn.ihanoi.app.data.ReportSummary
import vn.ihanoi.app.ui.common.ScreenTopBar
import vn.ihanoi.app.ui.common.StateChip
import vn.ihanoi.app.ui.common.isLargeFont
import vn.ihanoi.app.ui.common.localized

/** The home screen wired to its state holder. */
@Composable
fun HomeRoute(
    viewModel: HomeViewModel,
    onOpenReport: (String) -> Unit,
    onNewReport: (String) -> Unit = onOpenReport,
    onOpenDraft: (String) -> Unit = onOpenReport,
    onOpenAlerts: () -> Unit = {},
    onOpenSettings: () -> Unit = {},
) {
    val state by viewModel.uiState.collectAsStateWithLifecycle()
    HomeScreen(
        state = state,
        onNewReport = { viewModel.newReport(onNewReport) },
        onOpenReport = onOpenReport,
        onOpenDraft = onOpenDraft,
        onOpenAlerts = onOpenAlerts,
        onOpenSettings = onOpenSettings,
    )
}

/** My reports: the list, or an empty state that says what the app is for. Stateless. */
@Composable
fun HomeScreen(
    state: HomeUiState,
    onNewReport: () -> Unit,
    onOpenReport: (String) -> Unit,
    onOpenDraft: (String) -> Unit = onOpenReport,
    onOpenAlerts: () -> Unit = {},
    onOpenSettings: () -> Unit = {},
) {
    // The list ends above the button however tall it is (it grows with the font scale).
    var fabHeightPx by remember { mutableIntStateOf(0) }
    // At a large font a floating button would hide most of a report card: the button leads the
    // list instead.
    val buttonInList = isLargeFont()
    Scaffold(
        topBar = {
            ScreenTopBar(
                stringResource(R.string.home_title),
                actions = {
                    val unread = (state as? HomeUiState.Reports)?.counts?.unreadAlerts ?: 0
                    TextButton(onClick = onOpenAlerts, modifier = Modifier.heightIn(min = 48.dp)) {
                        Text(
                            if (unread > 0) stringResource(R.string.home_alerts_unread, unread)
                            else stringResource(R.string.home_alerts)
                        )
                    }
                    TextButton(
                        onClick = onOpenSettings,
                        modifier = Modifier.heightIn(min = 48.dp),
                    ) {
                        Text(stringResource(R.string.home_settings))
                    }
                },
            )
        },
        floatingActionButton = {
            // The empty state has its own big button; one "new report" on screen is enough.
            if (state is HomeUiState.Reports && !buttonInList) {
                ExtendedFloatingActionButton(
                    onClick = onNewReport,
                    modifier = Modifier.onSizeChanged { fabHeightPx = it.height },
                ) {
                    Text(stringResource(R.string.home_new_report))
                }
            }
        },
    ) { padding ->
        when (state) {
            HomeUiState.Loading -> Loading(Modifier.padding(padding))
            HomeUiState.Empty -> EmptyHome(onNewReport, Modifier.padding(padding))
            is HomeUiState.Reports -> {
                val fabHeight =
                    if (buttonInList) 0.dp else with(LocalDensity.current) { fabHeightPx.toDp() }
                ReportList(
                    state,
                    onOpenReport,
                    onOpenDraft,
                    padding,
                    fabHeight,
                    if (buttonInList) onNewReport else null,
                )
            }
        }
    }
}

@Composable
private fun Loading(modifier: Modifier) {
    val label = stringResource(R.string.home_loading)
    Column(
        modifier = modifier.fillMaxSize(),
        verticalArrangement = Arrangement.Center,
        horizontalAlignment = Alignment.CenterHorizontally,
    ) {
        CircularProgressIndicator(Modifier.semantics { contentDescription = label })
    }
}

@Composable
private fun EmptyHome(onNewReport: () -> Unit, modifier: Modifier) {
    // Scrolls so that nothing is cut off at 200 % font scale on a small phone.
    Column(
        modifier =
            modifier
                .fillMaxSize()
                .verticalScroll(rememberScrollState())
                .padding(horizontal = 24.dp, vertical = 32.dp),
        verticalArrangement = Arrangement.spacedBy(16.dp, Alignment.CenterVertically),
        horizontalAlignment = Alignment.CenterHorizontally,
    ) {
        Text(
            stringResource(R.string.home_empty_title),
            style = MaterialTheme.typography.headlineSmall,
            textAlign = TextAlign.Center,
        )
        Text(
            stringResource(R.string.home_empty_body),
            style = MaterialTheme.typography.bodyLarge,
            color = MaterialTheme.colorScheme.onSurfaceVariant,
            textAlign = TextAlign.Center,
        )
        Button(onClick = onNewReport, modifier = Modifier.heightIn(min = 48.dp)) {
            Text(stringResource(R.string.home_new_report), textAlign = TextAlign.Center)
        }
    }
}

@Composable
private fun ReportList(
    state: HomeUiState.Reports,
    onOpenReport: (String) -> Unit,
    onOpenDraft: (String) -> Unit,
    padding: PaddingValues,
    fabHeight: Dp,
    /** The new-report button as the list's first row (at a large font), or none. */
    newReportInList: (() -> Unit)?,
) {
    LazyColumn(
        contentPadding =
            PaddingValues(
                start = 16.dp,
                end = 16.dp,
                top = padding.calculateTopPadding() + 8.dp,
                // The button's own margin (16 dp) and a gap, so the last row shows in full.
                bottom =
                    padding.calculateBottomPadding() +
                        if (fabHeight > 0.dp) fabHeight + 32.dp else 16.dp,
            ),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        newReportInList?.let { onNewReport ->
            item(key = "new") {
                Button(
                    onClick = onNewReport,
                    modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp),
                ) {
                    Text(stringResource(R.string.home_new_report), textAlign = TextAlign.Center)
                }
            }
        }
        state.outbox?.let { outbox -> item(key = "outbox") { OutboxLine(outbox.localized()) } }
        items(state.reports, key = { it.id }) { report ->
            // A draft opens where it is edited; everything else on its report screen.
            ReportRow(report, if (report.state == ReportStatus.DRAFT) onOpenDraft else onOpenReport)
        }
    }
}

/** The outbox's state, read out by TalkBack when it changes (a send starts, the network goes). */
@Composable
private fun OutboxLine(text: String) {
    Surface(
        color = MaterialTheme.colorScheme.secondaryContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
    ) {
        Text(
            text,
            style = MaterialTheme.typography.bodyLarge,
            color = MaterialTheme.colorScheme.onSecondaryContainer,
            modifier = Modifier.padding(16.dp),
        )
    }
}

/** What the city did since the resident last opened the report; opening it clears the count. */
@Composable
private fun UnreadBadge(count: Int) {
    Surface(
        color = MaterialTheme.colorScheme.primary,
        contentColor = MaterialTheme.colorScheme.onPrimary,
        shape = MaterialTheme.shapes.small,
    ) {
        Text(
            stringResource(R.string.home_report_unread, count),
            style = MaterialTheme.typography.labelLarge,
            modifier = Modifier.padding(horizontal = 8.dp, vertical = 4.dp),
        )
    }
}

@Composable
private fun ReportRow(report: ReportSummary, onOpenReport: (String) -> Unit) {
    val attention = report.state == ReportStatus.NEEDS_ATTENTION
    Card(
        onClick = { onOpenReport(report.id) },
        modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp),
        colors =
            if (attention) CardDefaults.cardColors(MaterialTheme.colorScheme.errorContainer)
            else CardDefaults.cardColors(),
    ) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            FlowRow(
                horizontalArrangement = Arrangement.spacedBy(8.dp),
                verticalArrangement = Arrangement.spacedBy(4.dp),
            ) {
                StateChip(report.stateLabel.localized(), attention)
                if (report.unreadUpdates > 0) UnreadBadge(report.unreadUpdates)
            }
            report.category?.let {
                Text(it.localized(), style = MaterialTheme.typography.titleMedium)
            }
            Text(
                report.description.ifBlank { stringResource(R.string.report_no_description) },
                style = MaterialTheme.typography.bodyLarge,
            )
            report.cityReason?.let {
                Text(
                    stringResource(R.string.report_city_reason, it.localized()),
                    style = MaterialTheme.typography.bodyMedium,
                    color = MaterialTheme.colorScheme.onErrorContainer,
                )
            }
        }
    }
}
