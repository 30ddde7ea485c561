package vn.ihanoi.app.ui.common

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.RowScope
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import vn.ihanoi.app.R

/**
 * Every screen's top bar: its title as a heading (TalkBack jumps between headings) and, off the
 * home screen, a "back" button in words (clearer than an arrow; 48 dp tall).
 *
 * At a large font scale the actions (links in words) move to a row under the title: beside it they
 * left the title a column so narrow that "Phản ánh của tôi" broke inside words at 200 %.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ScreenTopBar(
    title: String,
    onBack: (() -> Unit)? = null,
    actions: @Composable RowScope.() -> Unit = {},
) {
    val underTitle = LocalDensity.current.fontScale >= ACTIONS_UNDER_TITLE_FROM
    val bar: @Composable (@Composable RowScope.() -> Unit) -> Unit = { barActions ->
        TopAppBar(
            title = { Text(title, modifier = Modifier.semantics { heading() }) },
            navigationIcon = {
                if (onBack != null) {
                    TextButton(onClick = onBack, modifier = Modifier.heightIn(min = 48.dp)) {
                        Text(stringResource(R.string.back))
                    }
                }
            },
            actions = barActions,
        )
    }
    if (!underTitle) {
        bar(actions)
        return
    }
    Column {
        bar {}
        FlowRow(
            modifier = Modifier.fillMaxWidth().padding(horizontal = 8.dp),
            horizontalArrangement = Arrangement.spacedBy(8.dp),
            content = { actions() },
        )
    }
}

/** From this font scale on, a top bar's actions go under its title. */
private const val ACTIONS_UNDER_TITLE_FROM = 1.5f
