package vn.ihanoi.app.ui.report

import androidx.compose.foundation.Image
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.platform.LocalConfiguration
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.compose.ui.window.Dialog
import androidx.compose.ui.window.DialogProperties
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import java.text.DateFormat
import java.util.Date
import vn.ihanoi.app.R
import vn.ihanoi.app.data.CityStatus
import vn.ihanoi.app.data.ReportDetail
import vn.ihanoi.app.data.ReportStatus
import vn.ihanoi.app.data.TimelineItem
import vn.ihanoi.app.ui.common.ScreenTopBar
import vn.ihanoi.app.ui.common.StateChip
import vn.ihanoi.app.ui.common.localized
import vn.ihanoi.app.ui.common.rememberBitmap

/** The report screen wired to its state holder. */
@Composable
fun ReportDetailRoute(viewModel: ReportDetailViewModel, onBack: () -> Unit) {
    val state by viewModel.uiState.collectAsStateWithLifecycle()
    ReportDetailScreen(state, onBack = onBack, onQueue = viewModel::queue)
}

/** One report: what it says, the city's handling and deadlines, its timeline. Stateless. */
@Composable
fun ReportDetailScreen(state: ReportDetailUiState, onBack: () -> Unit, onQueue: () -> Unit) {
    Scaffold(topBar = { ScreenTopBar(stringResource(R.string.report_title), onBack = onBack) }) {
        padding ->
        when (state) {
            ReportDetailUiState.Loading ->
                Column(
                    Modifier.padding(padding).fillMaxSize(),
                    verticalArrangement = Arrangement.Center,
                    horizontalAlignment = Alignment.CenterHorizontally,
                ) {
                    CircularProgressIndicator()
                }
            is ReportDetailUiState.Shown ->
                ReportBody(state.report, onQueue, Modifier.padding(padding))
        }
    }
}

@Composable
private fun ReportBody(report: ReportDetail, onQueue: () -> Unit, modifier: Modifier) {
    var fullScreen by rememberSaveable { mutableStateOf<String?>(null) }
    Column(
        modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        StateChip(report.stateLabel.localized(), report.state == ReportStatus.NEEDS_ATTENTION)
        report.category?.let { Text(it.localized(), style = MaterialTheme.typography.titleLarge) }
        Text(
            report.description.ifBlank { stringResource(R.string.report_no_description) },
            style = MaterialTheme.typography.bodyLarge,
        )
        report.address?.let { Field(stringResource(R.string.report_address), it) }
        report.unitName?.let { Field(stringResource(R.string.report_unit), it) }
        Field(stringResource(R.string.report_urgency), report.urgency.localized())
        report.cityReason?.let {
            Notice(stringResource(R.string.report_city_reason, it.localized()), error = true)
        }
        if (report.problems.isNotEmpty()) {
            Notice(
                (listOf(stringResource(R.string.report_problems)) +
                        report.problems.map { "• " + it.localized() })
                    .joinToString("\n"),
                error = true,
            )
        }
        report.warnings.forEach { Notice(it.localized(), error = false) }
        if (report.canQueue) {
            Button(onClick = onQueue, modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp)) {
                Text(stringResource(R.string.report_queue))
            }
        }
        report.cityStatus?.let { CityStatusCard(it) }
        if (report.timeline.isNotEmpty()) {
            Text(
                stringResource(R.string.report_timeline),
                style = MaterialTheme.typography.titleMedium,
                modifier = Modifier.semantics { heading() },
            )
            report.timeline.forEach { Entry(it, onPhoto = { path -> fullScreen = path }) }
        }
    }
    fullScreen?.let { path -> FullScreenPhoto(path, onClose = { fullScreen = null }) }
}

@Composable
private fun Field(label: String, value: String) {
    Column {
        Text(
            label,
            style = MaterialTheme.typography.labelLarge,
            color = MaterialTheme.colorScheme.onSurfaceVariant,
        )
        Text(value, style = MaterialTheme.typography.bodyLarge)
    }
}

@Composable
private fun Notice(text: String, error: Boolean) {
    Card(
        colors =
            CardDefaults.cardColors(
                if (error) MaterialTheme.colorScheme.errorContainer
                else MaterialTheme.colorScheme.secondaryContainer
            ),
        modifier = Modifier.fillMaxWidth(),
    ) {
        Text(text, style = MaterialTheme.typography.bodyMedium, modifier = Modifier.padding(12.dp))
    }
}

@Composable
private fun CityStatusCard(status: CityStatus) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(status.label.localized(), style = MaterialTheme.typography.titleMedium)
            status.acknowledgeByMs?.let {
                Text(stringResource(R.string.report_acknowledge_by, formatTime(it)))
            }
            status.handleByMs?.let {
                Text(stringResource(R.string.report_handle_by, formatTime(it)))
            }
            if (status.overdue && !status.closed) {
                StateChip(stringResource(R.string.report_overdue), attention = true)
            }
        }
    }
}

@Composable
private fun Entry(item: TimelineItem, onPhoto: (String) -> Unit) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        HorizontalDivider()
        Text(item.label.localized(), style = MaterialTheme.typography.titleSmall)
        Text(
            formatTime(item.atMs),
            style = MaterialTheme.typography.labelMedium,
            color = MaterialTheme.colorScheme.onSurfaceVariant,
        )
        if (item.text.isNotBlank()) Text(item.text, style = MaterialTheme.typography.bodyMedium)
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            item.photoPaths.forEachIndexed { index, path ->
                val label = stringResource(R.string.report_result_photo, index + 1)
                val bitmap = rememberBitmap(path)
                val tap = Modifier.size(96.dp).clickable(onClickLabel = label) { onPhoto(path) }
                if (bitmap != null) {
                    Image(
                        bitmap,
                        contentDescription = label,
                        contentScale = ContentScale.Crop,
                        modifier = tap,
                    )
                } else {
                    Surface(tap.semantics { contentDescription = label }) {}
                }
            }
        }
    }
}

@Composable
private fun FullScreenPhoto(path: String, onClose: () -> Unit) {
    Dialog(
        onDismissRequest = onClose,
        properties = DialogProperties(usePlatformDefaultWidth = false),
    ) {
        Surface(Modifier.fillMaxSize().clickable(onClick = onClose)) {
            rememberBitmap(path)?.let {
                Image(
                    it,
                    contentDescription = stringResource(R.string.report_result_photo, 1),
                    contentScale = ContentScale.Fit,
                    modifier = Modifier.fillMaxSize(),
                )
            }
        }
    }
}

/** A date and time in the screen's language (the phone's time zone). */
@Composable
private fun formatTime(ms: Long): String {
    val locale = LocalConfiguration.current.locales[0]
    return DateFormat.getDateTimeInstance(DateFormat.MEDIUM, DateFormat.SHORT, locale)
        .format(Date(ms))
}
