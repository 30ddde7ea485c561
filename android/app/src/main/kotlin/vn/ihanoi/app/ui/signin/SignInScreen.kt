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
    )
}

/** Phone number, then the one-time code sent to it. Stateless. */
@Composable
fun SignInScreen(
    state: SignInUiState,
    onBack: () -> Unit,
    onPhone: (String) -> Unit,
    onCode: (String) -> Unit,
    onRequestCode: () -> Unit,
    onSignIn: () -> Unit,
    onChangePhone: () -> Unit,
) {
    Scaffold(topBar = { ScreenTopBar(stringResource(R.string.signin_title), onBack = onBack) }) {
        padding ->
        Column(
            Modifier.padding(padding)
                .fillMaxSize()
                .verticalScroll(rememberScrollState())
                .padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            Text(stringResource(R.string.signin_why), style = MaterialTheme.typography.bodyLarge)
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
            if (sentTo == null) {
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
