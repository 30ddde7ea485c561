package vn.ihanoi.app.ui.common

import androidx.compose.foundation.layout.padding
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp

/** A report's state (the core's words); red when the resident must act. */
@Composable
fun StateChip(label: String, attention: Boolean) {
    Surface(
        color =
            if (attention) MaterialTheme.colorScheme.error
            else MaterialTheme.colorScheme.primaryContainer,
        contentColor =
            if (attention) MaterialTheme.colorScheme.onError
            else MaterialTheme.colorScheme.onPrimaryContainer,
        shape = MaterialTheme.shapes.small,
    ) {
        Text(
            label,
            style = MaterialTheme.typography.labelLarge,
            modifier = Modifier.padding(horizontal = 8.dp, vertical = 4.dp),
        )
    }
}
