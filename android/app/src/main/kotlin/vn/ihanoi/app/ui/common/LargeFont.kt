package vn.ihanoi.app.ui.common

import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.ui.platform.LocalDensity

/**
 * The resident reads at a large font (150 % and more): a bar or floating button fixed over the
 * content would then take a large share of a small phone's screen and hide what it acts on, so
 * screens put such buttons in the scrolling content instead.
 */
@Composable
@ReadOnlyComposable
fun isLargeFont(): Boolean = LocalDensity.current.fontScale >= LARGE_FONT_SCALE

private const val LARGE_FONT_SCALE = 1.5f
