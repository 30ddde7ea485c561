package vn.ihanoi.app.ui.home

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
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
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.ExtendedFloatingActionButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.data.ReportStatus
import vn.ihanoi.app.data.ReportSummary

/** The home screen wired to its state holder. */
@Composable
fun HomeRoute(viewModel: HomeViewModel, onOpenReport: (String) -> Unit) {
    val state by viewModel.uiState.collectAsStateWithLifecycle()
    HomeScreen(
        state = state,
        onNewReport = { viewModel.newReport(onOpenReport) },
        onOpenReport = onOpenReport,
    )
}

/** My reports: the list, or an empty state that says what the app is for. Stateless. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun HomeScreen(state: HomeUiState, onNewReport: () -> Unit, onOpenReport: (String) -> Unit) {
    Scaffold(
        topBar = {
            TopAppBar(
                title = {
                    Text(
                        stringResource(R.string.home_title),
                        modifier = Modifier.semantics { heading() },
                    )
                }
            )
        },
        floatingActionButton = {
            // The empty state has its own big button; one "new report" on screen is enough.
            if (state is HomeUiState.Reports) {
                ExtendedFloatingActionButton(onClick = onNewReport) {
                    Text(stringResource(R.string.home_new_report))
                }
            }
        },
    ) { padding ->
        when (state) {
            HomeUiState.Loading -> Loading(Modifier.padding(padding))
            HomeUiState.Empty -> EmptyHome(onNewReport, Modifier.padding(padding))
            is HomeUiState.Reports -> ReportList(state.reports, onOpenReport, padding)
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
    reports: List<ReportSummary>,
    onOpenReport: (String) -> Unit,
    padding: PaddingValues,
) {
    LazyColumn(
        contentPadding =
            PaddingValues(
                start = 16.dp,
                end = 16.dp,
                top = padding.calculateTopPadding() + 8.dp,
                bottom = padding.calculateBottomPadding() + 88.dp,
            ),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        items(reports, key = { it.id }) { report ->
            Card(
                onClick = { onOpenReport(report.id) },
                modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp),
            ) {
                Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                    Text(
                        stringResource(report.state.label()),
                        style = MaterialTheme.typography.labelLarge,
                        color = MaterialTheme.colorScheme.primary,
                    )
                    Text(
                        report.description.ifBlank {
                            stringResource(R.string.report_no_description)
                        },
                        style = MaterialTheme.typography.bodyLarge,
                    )
                }
            }
        }
    }
}

private fun ReportStatus.label(): Int =
    when (this) {
        ReportStatus.DRAFT -> R.string.report_state_draft
        ReportStatus.QUEUED -> R.string.report_state_queued
        ReportStatus.SENDING -> R.string.report_state_sending
        ReportStatus.SUBMITTED -> R.string.report_state_submitted
        ReportStatus.NEEDS_ATTENTION -> R.string.report_state_needs_attention
    }
