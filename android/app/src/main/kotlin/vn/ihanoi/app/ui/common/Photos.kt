package vn.ihanoi.app.ui.common

import android.graphics.BitmapFactory
import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import androidx.compose.ui.graphics.ImageBitmap
import androidx.compose.ui.graphics.asImageBitmap

/** Decodes a photo the core saved (a thumbnail or a resized photo: small enough to decode). */
@Composable
fun rememberBitmap(path: String): ImageBitmap? =
    remember(path) { BitmapFactory.decodeFile(path)?.asImageBitmap() }
