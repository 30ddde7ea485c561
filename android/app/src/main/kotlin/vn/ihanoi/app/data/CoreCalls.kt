package vn.ihanoi.app.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.withContext
import vn.ihanoi.core.IhanoiException

/** The core refused a call; [words] say why (and what to do) in both languages. */
class CoreRefusal(val words: Words) : Exception(words.en)

/** One of the core's own suspending calls (they run on its pool); a refusal as the core's words. */
internal suspend fun <T> coreSuspendCall(block: suspend () -> T): T =
    try {
        block()
    } catch (e: IhanoiException) {
        throw CoreRefusal(e.text().words())
    }

/** A blocking core call on [io], never the main thread; a refusal as the core's words. */
internal suspend fun <T> coreCall(io: CoroutineDispatcher, block: () -> T): T =
    withContext(io) { coreSuspendCall { block() } }
