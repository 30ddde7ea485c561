package vn.ihanoi.app.testing

import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.test.junit4.ComposeContentTestRule
import androidx.compose.ui.test.onRoot
import androidx.compose.ui.text.TextLayoutResult
import com.github.takahirom.roborazzi.captureRoboImage
import java.io.File
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue

/**
 * The golden images' folder (android/app/src/test/screenshots): the build passes it as the system
 * property `ihanoi.screenshots`; Android Studio runs from the module folder.
 */
val screenshotsDir: File = File(System.getProperty("ihanoi.screenshots") ?: "src/test/screenshots")

/**
 * Records (`roborazzi.test.record=true`) or verifies (`roborazzi.test.verify=true`) the screen as
 * `<name>.png` in [screenshotsDir].
 */
fun ComposeContentTestRule.captureScreen(name: String) {
    onRoot().captureRoboImage(File(screenshotsDir, "$name.png").path)
}

/**
 * Fails when any text on screen is cut short: taller than the room its layout got (a fixed height
 * or maxLines at 200 % font scale), ended with an ellipsis, or squeezed so narrow that a line ends
 * inside a word ("Phả|n ánh": a title beside links at 200 %). Width is not checked otherwise:
 * Material text wraps, and a centred text's paragraph is laid out wider than its box.
 */
fun ComposeContentTestRule.assertNoTextClipped() {
    val texts = onAllNodesWithText().fetchSemanticsNodes()
    assertTrue("no text on screen", texts.isNotEmpty())
    for (node in texts) {
        val getLayout = node.config.getOrNull(SemanticsActions.GetTextLayoutResult) ?: continue
        val layouts = mutableListOf<TextLayoutResult>()
        getLayout.action?.invoke(layouts)
        for (layout in layouts) {
            val text = layout.layoutInput.text
            assertFalse("text cut at the bottom: \"$text\"", layout.didOverflowHeight)
            for (line in 0 until layout.lineCount) {
                assertFalse("text ellipsized: \"$text\"", layout.isLineEllipsized(line))
                val end = layout.getLineEnd(line)
                if (line < layout.lineCount - 1 && end in 1 until text.length) {
                    assertFalse(
                        "a word broken across lines: \"${text.substring(0, end)}|" +
                            "${text.substring(end)}\"",
                        text[end - 1].isLetterOrDigit() &&
                            text[end].isLetterOrDigit() &&
                            tokenAround(text.text, end).length <= LONGEST_WORD,
                    )
                }
            }
        }
    }
}

/**
 * Longer runs without a space (a web address, a licence's URL) may break anywhere: no phone is wide
 * enough for them at 200 %. Vietnamese and English words are far shorter.
 */
private const val LONGEST_WORD = 20

/** The run of non-space characters around [at]. */
private fun tokenAround(text: String, at: Int): String {
    var start = at
    while (start > 0 && !text[start - 1].isWhitespace()) start--
    var end = at
    while (end < text.length && !text[end].isWhitespace()) end++
    return text.substring(start, end)
}

private fun ComposeContentTestRule.onAllNodesWithText() =
    onAllNodes(
        androidx.compose.ui.test.SemanticsMatcher.keyIsDefined(
            SemanticsActions.GetTextLayoutResult
        ),
        useUnmergedTree = true,
    )
