package vn.ihanoi.app.ui.newreport

import androidx.compose.foundation.Image
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.data.DraftData
import vn.ihanoi.app.data.DraftPhoto
import vn.ihanoi.app.data.FormField
import vn.ihanoi.app.data.NearbyReports
import vn.ihanoi.app.data.PhotoOrigin
import vn.ihanoi.app.data.UrgencyLevel
import vn.ihanoi.app.data.Words
import vn.ihanoi.app.ui.common.ScreenTopBar
import vn.ihanoi.app.ui.common.StateChip
import vn.ihanoi.app.ui.common.isLargeFont
import vn.ihanoi.app.ui.common.localized
import vn.ihanoi.app.ui.common.rememberBitmap

/** What the new-report screen's controls do (the state holder's methods). */
interface NewReportActions {
    fun goTo(step: NewReportStep)

    fun next()

    fun previous()

    fun addPhotos(origin: PhotoOrigin)

    fun removePhoto(photoId: String)

    fun movePhoto(photoId: String, by: Int)

    fun locate()

    fun placePin(lat: Double, lon: Double)

    fun searchCategories(query: String)

    fun chooseCategory(code: String)

    fun editDescription(text: String)

    fun editAddress(text: String)

    fun chooseUrgency(level: UrgencyLevel)

    /** Answers one field of the city's form (values of a list: the choices' keys). */
    fun answer(code: String, values: List<String>)

    fun queue()
}

/** The new-report flow wired to its state holder; [onQueued] once the report is in the outbox. */
@Composable
fun NewReportRoute(viewModel: NewReportViewModel, onClose: () -> Unit, onQueued: () -> Unit) {
    val state by viewModel.uiState.collectAsStateWithLifecycle()
    val queued = (state as? NewReportUiState.Editing)?.queued == true
    LaunchedEffect(queued) { if (queued) onQueued() }
    NewReportScreen(state, viewModel, onClose)
}

/** A short guided flow: photos → position → category → details → review. Stateless. */
@Composable
fun NewReportScreen(state: NewReportUiState, actions: NewReportActions, onClose: () -> Unit) {
    // At a large font the two stacked buttons would take a quarter of a small phone's screen for
    // good, hiding what they act on (the review's problems): they follow the content instead.
    val buttonsInContent = isLargeFont()
    Scaffold(
        topBar = { ScreenTopBar(stringResource(R.string.new_title), onBack = onClose) },
        bottomBar = {
            if (state is NewReportUiState.Editing && !buttonsInContent) {
                Surface(tonalElevation = 3.dp, modifier = Modifier.testTag(STEP_BAR_TAG)) {
                    StepButtons(
                        state,
                        actions,
                        Modifier.padding(horizontal = 16.dp, vertical = 8.dp),
                    )
                }
            }
        },
    ) { padding ->
        when (state) {
            NewReportUiState.Loading ->
                Column(
                    Modifier.padding(padding).fillMaxSize(),
                    verticalArrangement = Arrangement.Center,
                    horizontalAlignment = Alignment.CenterHorizontally,
                ) {
                    CircularProgressIndicator()
                }
            is NewReportUiState.Editing ->
                Column(
                    Modifier.padding(padding)
                        .fillMaxSize()
                        .verticalScroll(rememberScrollState())
                        .padding(16.dp),
                    verticalArrangement = Arrangement.spacedBy(12.dp),
                ) {
                    val steps = NewReportStep.entries
                    Text(
                        stringResource(
                            R.string.new_step,
                            steps.indexOf(state.step) + 1,
                            steps.size,
                            stringResource(state.step.title),
                        ),
                        style = MaterialTheme.typography.titleLarge,
                        modifier = Modifier.semantics { heading() },
                    )
                    if (state.busy) {
                        val busy = stringResource(R.string.new_busy)
                        CircularProgressIndicator(Modifier.semantics { contentDescription = busy })
                    }
                    state.error?.let { ErrorLine(it.localized()) }
                    when (state.step) {
                        NewReportStep.PHOTOS -> PhotosStep(state, actions)
                        NewReportStep.POSITION -> PositionStep(state, actions)
                        NewReportStep.CATEGORY -> CategoryStep(state, actions)
                        NewReportStep.DETAILS -> DetailsStep(state, actions)
                        NewReportStep.REVIEW -> ReviewStep(state.draft, state.nearby)
                    }
                    if (buttonsInContent) StepButtons(state, actions)
                }
        }
    }
}

private val NewReportStep.title: Int
    get() =
        when (this) {
            NewReportStep.PHOTOS -> R.string.step_photos
            NewReportStep.POSITION -> R.string.step_position
            NewReportStep.CATEGORY -> R.string.step_category
            NewReportStep.DETAILS -> R.string.step_details
            NewReportStep.REVIEW -> R.string.step_review
        }

/** Previous / next, and on the last step the send button the core allows. */
@Composable
private fun StepButtons(
    state: NewReportUiState.Editing,
    actions: NewReportActions,
    modifier: Modifier = Modifier,
) {
    FlowRow(
        modifier.fillMaxWidth(),
        horizontalArrangement = Arrangement.spacedBy(8.dp, Alignment.End),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        if (state.step != NewReportStep.entries.first()) {
            OutlinedButton(onClick = actions::previous, Modifier.heightIn(min = 48.dp)) {
                Text(stringResource(R.string.new_previous))
            }
        }
        if (state.step == NewReportStep.REVIEW) {
            Button(
                onClick = actions::queue,
                enabled = state.draft.canQueue && !state.busy,
                modifier = Modifier.heightIn(min = 48.dp),
            ) {
                Text(stringResource(R.string.report_queue))
            }
        } else {
            Button(onClick = actions::next, Modifier.heightIn(min = 48.dp)) {
                Text(stringResource(R.string.new_next))
            }
        }
    }
}

@Composable
private fun PhotosStep(state: NewReportUiState.Editing, actions: NewReportActions) {
    Text(stringResource(R.string.photos_hint), style = MaterialTheme.typography.bodyLarge)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Button(
            onClick = { actions.addPhotos(PhotoOrigin.CAMERA) },
            enabled = !state.busy,
            modifier = Modifier.heightIn(min = 48.dp),
        ) {
            Text(stringResource(R.string.photos_camera))
        }
        OutlinedButton(
            onClick = { actions.addPhotos(PhotoOrigin.GALLERY) },
            enabled = !state.busy,
            modifier = Modifier.heightIn(min = 48.dp),
        ) {
            Text(stringResource(R.string.photos_gallery))
        }
    }
    if (state.nothingFound) Text(stringResource(R.string.photos_none_added))
    val photos = state.draft.photos
    photos.forEachIndexed { index, photo -> PhotoRow(photo, index, photos.size, actions) }
}

@Composable
private fun PhotoRow(photo: DraftPhoto, index: Int, count: Int, actions: NewReportActions) {
    val number = index + 1
    Card(Modifier.fillMaxWidth()) {
        Row(Modifier.padding(8.dp), horizontalArrangement = Arrangement.spacedBy(12.dp)) {
            val label = stringResource(R.string.photo_label, number, count)
            val bitmap = rememberBitmap(photo.thumbnailPath)
            if (bitmap != null) {
                Image(
                    bitmap,
                    contentDescription = label,
                    contentScale = ContentScale.Crop,
                    modifier = Modifier.size(96.dp),
                )
            } else {
                Surface(Modifier.size(96.dp).semantics { contentDescription = label }) {}
            }
            Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
                Text(label, style = MaterialTheme.typography.titleSmall)
                photo.flags.forEach { StateChip(it.localized(), attention = false) }
                FlowRow(horizontalArrangement = Arrangement.spacedBy(4.dp)) {
                    SmallAction(
                        R.string.photo_earlier,
                        stringResource(R.string.photo_earlier_cd, number),
                        enabled = index > 0,
                    ) {
                        actions.movePhoto(photo.id, -1)
                    }
                    SmallAction(
                        R.string.photo_later,
                        stringResource(R.string.photo_later_cd, number),
                        enabled = index < count - 1,
                    ) {
                        actions.movePhoto(photo.id, +1)
                    }
                    SmallAction(
                        R.string.photo_remove,
                        stringResource(R.string.photo_remove_cd, number),
                        enabled = true,
                    ) {
                        actions.removePhoto(photo.id)
                    }
                }
            }
        }
    }
}

/** A text button whose spoken label names the photo it acts on ("Xoá ảnh 2"). */
@Composable
private fun SmallAction(text: Int, spoken: String, enabled: Boolean, onClick: () -> Unit) {
    TextButton(
        onClick = onClick,
        enabled = enabled,
        modifier = Modifier.heightIn(min = 48.dp).semantics { contentDescription = spoken },
    ) {
        Text(stringResource(text))
    }
}

@Composable
private fun PositionStep(state: NewReportUiState.Editing, actions: NewReportActions) {
    Button(
        onClick = actions::locate,
        enabled = !state.busy,
        modifier = Modifier.heightIn(min = 48.dp),
    ) {
        Text(stringResource(R.string.position_locate))
    }
    if (state.nothingFound) Text(stringResource(R.string.position_not_found))
    val position = state.draft.position
    if (position == null) {
        Text(stringResource(R.string.position_none), style = MaterialTheme.typography.bodyLarge)
    } else {
        Text(stringResource(R.string.position_source, position.source.localized()))
        Row(verticalAlignment = Alignment.CenterVertically) {
            StateChip(
                stringResource(R.string.position_quality, position.quality.localized()),
                attention = position.needsConfirmation,
            )
        }
        Text(
            position.areaName?.let { stringResource(R.string.position_area, it) }
                ?: stringResource(R.string.position_no_area),
            style = MaterialTheme.typography.titleMedium,
        )
        if (position.ambiguous) Text(stringResource(R.string.position_ambiguous))
    }
    Text(stringResource(R.string.position_map_hint), style = MaterialTheme.typography.bodyMedium)
    PinMap(state.draft, state.surroundings, actions::placePin)
}

@Composable
private fun CategoryStep(state: NewReportUiState.Editing, actions: NewReportActions) {
    OutlinedTextField(
        value = state.categoryQuery,
        onValueChange = actions::searchCategories,
        label = { Text(stringResource(R.string.category_search)) },
        singleLine = true,
        modifier = Modifier.fillMaxWidth(),
    )
    if (state.categories.isEmpty() && state.categoryQuery.isNotBlank()) {
        Text(stringResource(R.string.category_none, state.categoryQuery))
    }
    // The chosen category's own questions follow its card (or the search field, when a search
    // hides the card).
    if (state.categories.none { it.code == state.draft.categoryCode }) {
        FormFields(state.draft.form, actions::answer)
    }
    state.categories.forEach { category ->
        val chosen = category.code == state.draft.categoryCode
        Card(
            colors =
                if (chosen) CardDefaults.cardColors(MaterialTheme.colorScheme.secondaryContainer)
                else CardDefaults.cardColors(),
            modifier =
                Modifier.fillMaxWidth()
                    .heightIn(min = 48.dp)
                    .selectable(
                        selected = chosen,
                        role = Role.RadioButton,
                        onClick = { actions.chooseCategory(category.code) },
                    ),
        ) {
            Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(2.dp)) {
                if (chosen) StateChip(stringResource(R.string.category_chosen), attention = false)
                Text(category.name.localized(), style = MaterialTheme.typography.titleMedium)
                Text(
                    category.group.localized(),
                    style = MaterialTheme.typography.bodyMedium,
                    color = MaterialTheme.colorScheme.onSurfaceVariant,
                )
            }
        }
        if (chosen) FormFields(state.draft.form, actions::answer)
    }
}

@Composable
private fun DetailsStep(state: NewReportUiState.Editing, actions: NewReportActions) {
    OutlinedTextField(
        value = state.description,
        onValueChange = actions::editDescription,
        label = { Text(stringResource(R.string.details_description)) },
        minLines = 3,
        modifier = Modifier.fillMaxWidth(),
    )
    OutlinedTextField(
        value = state.address,
        onValueChange = actions::editAddress,
        label = { Text(stringResource(R.string.details_address)) },
        modifier = Modifier.fillMaxWidth(),
    )
    Text(
        stringResource(R.string.report_urgency),
        style = MaterialTheme.typography.titleMedium,
        modifier = Modifier.semantics { heading() },
    )
    state.urgencies.forEach { option ->
        val chosen = option.level == state.draft.urgency
        Row(
            verticalAlignment = Alignment.CenterVertically,
            modifier =
                Modifier.fillMaxWidth()
                    .heightIn(min = 48.dp)
                    .selectable(
                        selected = chosen,
                        role = Role.RadioButton,
                        onClick = { actions.chooseUrgency(option.level) },
                    ),
        ) {
            RadioButton(selected = chosen, onClick = null)
            Text(option.label.localized(), Modifier.padding(start = 8.dp))
        }
    }
}

@Composable
private fun ReviewStep(draft: DraftData, nearby: NearbyReports?) {
    Text(stringResource(R.string.review_photos, draft.photos.size))
    draft.position?.let { position ->
        Text(
            position.areaName?.let { stringResource(R.string.position_area, it) }
                ?: stringResource(R.string.position_no_area)
        )
        Text(stringResource(R.string.position_quality, position.quality.localized()))
    }
    // Nothing missing is said twice: the problems below name it.
    draft.category?.let { Text(it.localized(), style = MaterialTheme.typography.titleMedium) }
    for (field in draft.form) {
        if (field.asked && field.values.isNotEmpty()) Text(answerLine(field))
    }
    if (draft.description.isNotBlank()) Text(draft.description)
    if (draft.address.isNotBlank()) {
        Text(stringResource(R.string.report_address) + ": " + draft.address)
    }
    Text(stringResource(R.string.report_urgency) + ": " + draft.urgencyLabel.localized())
    if (draft.problems.isNotEmpty()) {
        WordsList(
            R.string.report_problems,
            draft.problems,
            MaterialTheme.colorScheme.errorContainer,
        )
    } else {
        Text(stringResource(R.string.review_ready), style = MaterialTheme.typography.bodyLarge)
    }
    if (draft.warnings.isNotEmpty()) {
        WordsList(
            R.string.review_warnings,
            draft.warnings,
            MaterialTheme.colorScheme.secondaryContainer,
        )
    }
    nearby?.let { NearbySection(it) }
}

/** The core's words for a refused action, read out by TalkBack as it appears. */
@Composable
private fun ErrorLine(text: String) {
    Surface(
        color = MaterialTheme.colorScheme.errorContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
    ) {
        Text(
            text,
            color = MaterialTheme.colorScheme.onErrorContainer,
            modifier = Modifier.padding(12.dp),
        )
    }
}

/** A titled box listing the core's words, every one at once. */
@Composable
private fun WordsList(title: Int, words: List<Words>, colour: Color) {
    Surface(
        color = colour,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth(),
    ) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(stringResource(title), style = MaterialTheme.typography.titleSmall)
            words.forEach { Text("• " + it.localized()) }
        }
    }
}

/** "Độ sâu nước: Trên 50 cm": a form answer as the review shows it (a list's choices by name). */
@Composable
private fun answerLine(field: FormField): String {
    val names = field.choices.associate { it.key to it.name.localized() }
    return field.label.localized() + ": " + field.values.joinToString(", ") { names[it] ?: it }
}

/** The test tag of the fixed bar of step buttons (absent at a large font). */
const val STEP_BAR_TAG = "new_report_step_bar"
