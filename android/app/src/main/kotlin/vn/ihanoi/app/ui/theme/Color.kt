package vn.ihanoi.app.ui.theme

import androidx.compose.ui.graphics.Color

// Hanoi's imperial red as the seed, with Material 3 tonal roles at AA contrast on their containers.
internal val Red40 = Color(0xFFB3261E)
internal val Red90 = Color(0xFFFFDAD5)
internal val Red10 = Color(0xFF410001)
internal val Red80 = Color(0xFFFFB4A9)
internal val Red30 = Color(0xFF8C1D18)
internal val Gold40 = Color(0xFF7A5900)
internal val Gold90 = Color(0xFFFFDEA3)
internal val Gold10 = Color(0xFF261900)
internal val Gold80 = Color(0xFFF5BE48)
internal val Gold30 = Color(0xFF5C4200)
internal val Neutral99 = Color(0xFFFFFBFF)
internal val Neutral95 = Color(0xFFFFEDEA)
internal val Neutral90 = Color(0xFFF1DEDC)
internal val Neutral10 = Color(0xFF201A19)
internal val Neutral20 = Color(0xFF362F2E)
internal val Neutral30 = Color(0xFF4D4544)
internal val Neutral80 = Color(0xFFD8C2BF)
