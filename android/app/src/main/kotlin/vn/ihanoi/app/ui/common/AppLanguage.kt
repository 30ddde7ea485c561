package vn.ihanoi.app.ui.common

import android.content.ContextWrapper
import android.content.res.Configuration
import android.content.res.Resources
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.remember
import androidx.compose.ui.platform.LocalConfiguration
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.platform.LocalResources
import java.util.Locale
import vn.ihanoi.app.data.LanguageSetting

/**
 * The resident's language choice over everything in [content]: string resources, the core's words
 * ([localized] reads the configuration) and the dialogs opened from it. "As the phone" leaves the
 * system's configuration as it is. In-app, on every Android version (the per-app language of
 * Android 13 does not exist on the phones most residents have).
 */
@Composable
fun AppLanguage(language: LanguageSetting, content: @Composable () -> Unit) {
    val tag =
        when (language) {
            LanguageSetting.SYSTEM -> null
            LanguageSetting.VI -> "vi"
            LanguageSetting.EN -> "en"
        }
    val base = LocalConfiguration.current
    val context = LocalContext.current
    // Always the same providers, "as the phone" included: switching the language keeps the
    // screens' state (the route, a half-typed field) instead of composing them anew.
    val configuration =
        remember(base, tag) {
            if (tag == null) base
            else Configuration(base).apply { setLocale(Locale.forLanguageTag(tag)) }
        }
    val localized =
        remember(context, configuration) {
            if (configuration === base) context
            else {
                // Still the activity underneath (what looks for it unwraps ContextWrappers);
                // only the resources are in the chosen language.
                val resources = context.createConfigurationContext(configuration).resources
                object : ContextWrapper(context) {
                    override fun getResources(): Resources = resources
                }
            }
        }
    CompositionLocalProvider(
        LocalConfiguration provides configuration,
        LocalContext provides localized,
        LocalResources provides localized.resources,
        content = content,
    )
}
