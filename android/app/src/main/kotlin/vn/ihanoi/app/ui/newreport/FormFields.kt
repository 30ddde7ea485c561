package vn.ihanoi.app.ui.newreport

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import java.text.SimpleDateFormat
import java.util.Date
import java.util.Locale
import vn.ihanoi.app.R
import vn.ihanoi.app.data.FieldKind
import vn.ihanoi.app.data.FormField
import vn.ihanoi.app.ui.common.localized

/**
 * The chosen category's form (the city's questions, in its order): each answer is saved through the
 * core as it is typed or tapped, and the core's problem about it is shown at the field.
 */
@Composable
internal fun FormFields(
    form: List<FormField>,
    answer: (String, List<String>) -> Unit,
    now: () -> Long = System::currentTimeMillis,
) {
    if (form.isEmpty()) return
    Text(
        stringResource(R.string.form_title),
        style = MaterialTheme.typography.titleMedium,
        modifier = Modifier.semantics { heading() },
    )
    for (field in form) {
        when {
            !field.asked -> Information(field)
            field.kind == FieldKind.SINGLE_CHOICE -> Choices(field, answer, multiple = false)
            field.kind == FieldKind.MULTI_CHOICE -> Choices(field, answer, multiple = true)
            else -> Typed(field, answer, now)
        }
    }
}

/** Information the city shows with the form (not a question). */
@Composable
private fun Information(field: FormField) {
    Surface(
        color = MaterialTheme.colorScheme.secondaryContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth(),
    ) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(field.label.localized(), color = MaterialTheme.colorScheme.onSecondaryContainer)
            field.help?.let {
                Text(it.localized(), color = MaterialTheme.colorScheme.onSecondaryContainer)
            }
        }
    }
}

/** A string, number, text or date-time answer, typed. */
@Composable
private fun Typed(field: FormField, answer: (String, List<String>) -> Unit, now: () -> Long) {
    val value = field.values.firstOrNull().orEmpty()
    OutlinedTextField(
        value = value,
        onValueChange = { answer(field.code, listOf(it)) },
        label = { Text(fieldLabel(field)) },
        singleLine = field.kind != FieldKind.TEXT,
        minLines = if (field.kind == FieldKind.TEXT) 3 else 1,
        isError = field.problem != null,
        keyboardOptions =
            KeyboardOptions(
                keyboardType =
                    when (field.kind) {
                        FieldKind.NUMBER -> KeyboardType.Decimal
                        else -> KeyboardType.Text
                    }
            ),
        supportingText =
            if (field.help != null || field.problem != null) {
                { HelpAndProblem(field) }
            } else null,
        modifier = Modifier.fillMaxWidth(),
    )
    if (field.kind == FieldKind.DATETIME) {
        // Typing a zoned date-time is hard on a phone: the common answer, "now", in one tap.
        TextButton(
            onClick = { answer(field.code, listOf(w3cDateTime(now()))) },
            modifier = Modifier.heightIn(min = 48.dp),
        ) {
            Text(stringResource(R.string.form_now))
        }
    }
}

/** A list answered by taps: one choice (radio buttons) or several (check boxes). */
@Composable
private fun Choices(field: FormField, answer: (String, List<String>) -> Unit, multiple: Boolean) {
    Column(Modifier.selectableGroup()) {
        Text(
            fieldLabel(field),
            style = MaterialTheme.typography.titleSmall,
            color =
                if (field.problem != null) MaterialTheme.colorScheme.error
                else MaterialTheme.colorScheme.onSurface,
        )
        for (choice in field.choices) {
            val chosen = choice.key in field.values
            val rowModifier =
                Modifier.fillMaxWidth().heightIn(min = 48.dp).let {
                    if (multiple) {
                        it.toggleable(value = chosen, role = Role.Checkbox) { on ->
                            // The city's order, whatever order they were ticked in.
                            val keys =
                                field.values.toSet().let {
                                    if (on) it + choice.key else it - choice.key
                                }
                            answer(
                                field.code,
                                field.choices.map { c -> c.key }.filter { k -> k in keys },
                            )
                        }
                    } else {
                        it.selectable(selected = chosen, role = Role.RadioButton) {
                            answer(field.code, listOf(choice.key))
                        }
                    }
                }
            Row(rowModifier, verticalAlignment = Alignment.CenterVertically) {
                if (multiple) Checkbox(checked = chosen, onCheckedChange = null)
                else RadioButton(selected = chosen, onClick = null)
                Text(choice.name.localized(), Modifier.padding(start = 8.dp))
            }
        }
        HelpAndProblem(field)
    }
}

/** The city's hint, then the core's words about what is wrong or missing. */
@Composable
private fun HelpAndProblem(field: FormField) {
    Column(verticalArrangement = Arrangement.spacedBy(2.dp)) {
        field.help?.let { Text(it.localized(), style = MaterialTheme.typography.bodySmall) }
        field.problem?.let {
            Text(
                it.localized(),
                style = MaterialTheme.typography.bodySmall,
                color = MaterialTheme.colorScheme.error,
            )
        }
    }
}

@Composable
private fun fieldLabel(field: FormField): String =
    if (field.required) stringResource(R.string.form_required, field.label.localized())
    else field.label.localized()

/** W3C date-time with the phone's zone, as the core checks it ("2026-12-07T08:30:00+07:00"). */
internal fun w3cDateTime(millis: Long): String =
    SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT).format(Date(millis))
