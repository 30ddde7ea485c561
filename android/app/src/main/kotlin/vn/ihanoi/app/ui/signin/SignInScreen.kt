package vn.ihanoi.app.ui.signin

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import vn.ihanoi.app.R
import vn.ihanoi.app.data.ContactFields
import vn.ihanoi.app.data.SignInMode
import vn.ihanoi.app.ui.common.ScreenTopBar
import vn.ihanoi.app.ui.common.localized

/** The sign-in screen wired to its state holder; [onSignedIn] once the core holds a session. */
@Composable
fun SignInRoute(viewModel: SignInViewModel, onBack: () -> Unit, onSignedIn: () -> Unit) {
    val state by viewModel.uiState.collectAsStateWithLifecycle()
    LaunchedEffect(state.signedIn) { if (state.signedIn) onSignedIn() }
    SignInScreen(
        state,
        onBack = onBack,
        onPhone = viewModel::editPhone,
        onCode = viewModel::editCode,
        onRequestCode = viewModel::requestCode,
        onSignIn = viewModel::signIn,
        onChangePhone = viewModel::changePhone,
        onContact = viewModel::editContact,
        onSaveContact = viewModel::saveContact,
    )
}

/**
 * Phone number, then the one-time code sent to it; on a server without sign-in, the optional
 * personal fields instead (the core's server profile decides which). Stateless.
 */
@Composable
fun SignInScreen(
    state: SignInUiState,
    onBack: () -> Unit,
    onPhone: (String) -> Unit,
    onCode: (String) -> Unit,
    onRequestCode: () -> Unit,
    onSignIn: () -> Unit,
    onChangePhone: () -> Unit,
    onContact: (ContactFields) -> Unit = {},
    onSaveContact: () -> Unit = {},
) {
    val title =
        if (state.mode == SignInMode.CONTACT_FIELDS) R.string.contact_title
        else R.string.signin_title
    Scaffold(topBar = { ScreenTopBar(stringResource(title), onBack = onBack) }) { padding ->
        Column(
            Modifier.padding(padding)
                .fillMaxSize()
                .verticalScroll(rememberScrollState())
                .padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            when (state.mode) {
                null -> return@Column
                SignInMode.CONTACT_FIELDS ->
                    Text(
                        stringResource(R.string.contact_why),
                        style = MaterialTheme.typography.bodyLarge,
                    )
                SignInMode.PHONE_CODE ->
                    Text(
                        stringResource(R.string.signin_why),
                        style = MaterialTheme.typography.bodyLarge,
                    )
            }
            state.error?.let {
                Surface(
                    color = MaterialTheme.colorScheme.errorContainer,
                    shape = MaterialTheme.shapes.medium,
                    modifier =
                        Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
                ) {
                    Text(
                        it.localized(),
                        color = MaterialTheme.colorScheme.onErrorContainer,
                        modifier = Modifier.padding(12.dp),
                    )
                }
            }
            val sentTo = state.codeSentTo
            if (state.mode == SignInMode.CONTACT_FIELDS) {
                ContactForm(state, onContact, onSaveContact)
            } else if (sentTo == null) {
                OutlinedTextField(
                    value = state.phone,
                    onValueChange = onPhone,
                    label = { Text(stringResource(R.string.signin_phone)) },
                    singleLine = true,
                    keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Phone),
                    modifier = Modifier.fillMaxWidth(),
                )
                Button(
                    onClick = onRequestCode,
                    enabled = state.canRequestCode,
                    modifier = Modifier.heightIn(min = 48.dp),
                ) {
                    Text(stringResource(R.string.signin_send_code))
                }
            } else {
                Text(
                    stringResource(R.string.signin_code_sent, sentTo, state.expiresInMinutes),
                    modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
                )
                OutlinedTextField(
                    value = state.code,
                    onValueChange = onCode,
                    label = { Text(stringResource(R.string.signin_code)) },
                    singleLine = true,
                    keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.NumberPassword),
                    modifier = Modifier.fillMaxWidth(),
                )
                Button(
                    onClick = onSignIn,
                    enabled = state.canSignIn,
                    modifier = Modifier.heightIn(min = 48.dp),
                ) {
                    Text(stringResource(R.string.signin_submit))
                }
                TextButton(onClick = onChangePhone, modifier = Modifier.heightIn(min = 48.dp)) {
                    Text(stringResource(R.string.signin_change_phone))
                }
            }
        }
    }
}

/** The standard's personal fields, each optional; the core keeps and normalizes them. */
@Composable
private fun ContactForm(
    state: SignInUiState,
    onContact: (ContactFields) -> Unit,
    onSave: () -> Unit,
) {
    val contact = state.contact
    ContactField(R.string.contact_last_name, contact.lastName, KeyboardType.Text) {
        onContact(contact.copy(lastName = it))
    }
    ContactField(R.string.contact_first_name, contact.firstName, KeyboardType.Text) {
        onContact(contact.copy(firstName = it))
    }
    ContactField(R.string.contact_phone, contact.phone, KeyboardType.Phone) {
        onContact(contact.copy(phone = it))
    }
    ContactField(R.string.contact_email, contact.email, KeyboardType.Email) {
        onContact(contact.copy(email = it))
    }
    Button(
        onClick = onSave,
        enabled = state.canSaveContact,
        modifier = Modifier.heightIn(min = 48.dp),
    ) {
        Text(stringResource(R.string.contact_save))
    }
    if (state.contactSaved) {
        Text(
            stringResource(R.string.contact_saved),
            modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
        )
    }
}

@Composable
private fun ContactField(
    label: Int,
    value: String,
    keyboard: KeyboardType,
    onValue: (String) -> Unit,
) {
    OutlinedTextField(
        value = value,
        onValueChange = onValue,
        label = { Text(stringResource(label)) },
        singleLine = true,
        keyboardOptions = KeyboardOptions(keyboardType = keyboard),
        modifier = Modifier.fillMaxWidth(),
    )
}
