package vn.ihanoi.app.ui.newreport

import androidx.compose.foundation.Image
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import vn.ihanoi.app.R
import vn.ihanoi.app.data.NearbyReport
import vn.ihanoi.app.data.NearbyReports
import vn.ihanoi.app.ui.common.StateChip
import vn.ihanoi.app.ui.common.localized
import vn.ihanoi.app.ui.common.rememberBitmap

/**
 * Others' open reports of the category near the pin, as the core words them: the resident may find
 * the problem already known. Information only; sending stays the resident's choice.
 */
@Composable
internal fun NearbySection(nearby: NearbyReports) {
    Surface(
        color = MaterialTheme.colorScheme.surfaceVariant,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth(),
    ) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(
                nearby.heading.localized(),
                style = MaterialTheme.typography.titleSmall,
                modifier = Modifier.semantics { heading() },
            )
            nearby.freshness?.let {
                Text(it.localized(), style = MaterialTheme.typography.bodySmall)
            }
            nearby.reports.forEachIndexed { index, report -> NearbyRow(report, index + 1) }
        }
    }
}

@Composable
private fun NearbyRow(report: NearbyReport, number: Int) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            StateChip(report.status.localized(), attention = false)
            Text(stringResource(R.string.nearby_distance, report.distanceM))
        }
        if (report.excerpt.isNotBlank()) Text(report.excerpt)
        report.address?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
        if (report.thumbnails.isNotEmpty()) {
            FlowRow(horizontalArrangement = Arrangement.spacedBy(4.dp)) {
                report.thumbnails.forEachIndexed { index, path ->
                    val label = stringResource(R.string.nearby_photo, index + 1, number)
                    rememberBitmap(path)?.let {
                        Image(
                            it,
                            contentDescription = label,
                            contentScale = ContentScale.Crop,
                            modifier = Modifier.size(64.dp),
                        )
                    }
                }
            }
        }
    }
}
