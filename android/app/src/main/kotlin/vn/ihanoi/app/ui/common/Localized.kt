package vn.ihanoi.app.ui.common

import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.ui.platform.LocalConfiguration
import vn.ihanoi.app.data.Words

/**
 * The core's words in the screen's language: English when the configuration (the system's language
 * or the app's own choice) says English, Vietnamese otherwise, as the core's `Language::from_tag`.
 */
@Composable
@ReadOnlyComposable
fun Words.localized(): String =
    if (LocalConfiguration.current.locales[0].language == "en") en else vi
