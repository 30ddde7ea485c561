package vn.ihanoi.app.ui.theme

import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.ColorScheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable

private val LightColors: ColorScheme =
    lightColorScheme(
        primary = Red40,
        onPrimary = Neutral99,
        primaryContainer = Red90,
        onPrimaryContainer = Red10,
        secondary = Gold40,
        onSecondary = Neutral99,
        secondaryContainer = Gold90,
        onSecondaryContainer = Gold10,
        background = Neutral99,
        onBackground = Neutral10,
        surface = Neutral99,
        onSurface = Neutral10,
        surfaceVariant = Neutral90,
        onSurfaceVariant = Neutral30,
    )

private val DarkColors: ColorScheme =
    darkColorScheme(
        primary = Red80,
        onPrimary = Red10,
        primaryContainer = Red30,
        onPrimaryContainer = Red90,
        secondary = Gold80,
        onSecondary = Gold10,
        secondaryContainer = Gold30,
        onSecondaryContainer = Gold90,
        background = Neutral10,
        onBackground = Neutral90,
        surface = Neutral10,
        onSurface = Neutral90,
        surfaceVariant = Neutral30,
        onSurfaceVariant = Neutral80,
    )

/**
 * The app's Material 3 theme: light or dark following the system. No dynamic colour: the city's
 * colours stay recognisable, and most residents' phones predate Android 12 anyway.
 */
@Composable
fun IhanoiTheme(darkTheme: Boolean = isSystemInDarkTheme(), content: @Composable () -> Unit) {
    MaterialTheme(colorScheme = if (darkTheme) DarkColors else LightColors, content = content)
}
