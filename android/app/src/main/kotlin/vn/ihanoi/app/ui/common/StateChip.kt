package vn.ihanoi.app.ui.common

import androidx.compose.foundation.layout.padding
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp

/**
 * A state chip (the core's words): red when someone must act, else the theme's secondary colour
 * (the primary container is a dark red in the dark theme and would read as an alarm).
 */
@Composable
fun StateChip(label: String, attention: Boolean) {
    Surface(
        color =
            if (attention) MaterialTheme.colorScheme.error
            else MaterialTheme.colorScheme.secondaryContainer,
        contentColor =
            if (attention) MaterialTheme.colorScheme.onError
            else MaterialTheme.colorScheme.onSecondaryContainer,
        shape = MaterialTheme.shapes.small,
    ) {
        Text(
            label,
            style = MaterialTheme.typography.labelLarge,
            modifier = Modifier.padding(horizontal = 8.dp, vertical = 4.dp),
        )
    }
}
