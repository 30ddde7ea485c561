package vn.ihanoi.app.testing

import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.test.SemanticsMatcher
import androidx.compose.ui.test.SemanticsNodeInteraction
import androidx.compose.ui.test.getBoundsInRoot
import androidx.compose.ui.test.hasScrollAction
import androidx.compose.ui.test.junit4.ComposeContentTestRule
import androidx.compose.ui.test.onFirst
import androidx.compose.ui.test.onRoot
import androidx.compose.ui.test.performSemanticsAction
import androidx.compose.ui.unit.Dp
import org.junit.Assert.assertTrue

/**
 * Scrolls the screen's content to its end, then fails unless [last] (the content's last item) is
 * fully on screen: inside the scrolling viewport and the window, and above [cover] (a fixed bar or
 * floating button drawn over the content) when there is one. Bounds are the semantics tree's, as
 * TalkBack and a finger meet them.
 */
fun ComposeContentTestRule.assertEndClearOf(last: SemanticsMatcher, cover: SemanticsMatcher?) {
    val content = scrollContentToEnd()
    val viewport = content.getBoundsInRoot()
    val window = onRoot().getBoundsInRoot()
    val item = onNode(last).getBoundsInRoot()
    val floor = cover?.let { onNode(it).getBoundsInRoot().top } ?: window.bottom
    fun Dp.n() = value
    assertTrue(
        "last item's top ${item.top.n()} above the viewport's ${viewport.top.n()}",
        item.top >= viewport.top,
    )
    assertTrue(
        "last item's bottom ${item.bottom.n()} below the viewport's ${viewport.bottom.n()}",
        item.bottom <= viewport.bottom,
    )
    assertTrue(
        "last item's bottom ${item.bottom.n()} under the bar or button at ${floor.n()}",
        item.bottom <= floor,
    )
}

/** Scrolls the screen's outermost scrolling container to its end, as a resident's swipes would. */
fun ComposeContentTestRule.scrollContentToEnd(): SemanticsNodeInteraction {
    // The outermost scrolling container comes first in the tree.
    val content = onAllNodes(hasScrollAction()).onFirst()
    content.performSemanticsAction(SemanticsActions.ScrollBy) { scrollBy -> scrollBy(0f, FAR) }
    waitForIdle()
    return content
}

/** Further than any screen scrolls (the container stops at its end). */
private const val FAR = 100_000f
