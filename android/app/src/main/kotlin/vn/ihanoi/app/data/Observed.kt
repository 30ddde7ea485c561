package vn.ihanoi.app.data

import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.flow.conflate
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.ListenerHandle
import vn.ihanoi.core.ReportsListener
import vn.ihanoi.core.model.ReportListUpdate

/**
 * One core observer as a flow: registered when collected, cancelled when the collector goes. The
 * core calls its listener on its own threads; `send` only hands the value over (conflated: a screen
 * needs the latest value, not every one).
 */
internal fun <T> observed(register: (send: (T) -> Unit) -> ListenerHandle): Flow<T> =
    callbackFlow {
            val handle = register { trySend(it) }
            awaitClose {
                handle.cancel()
                handle.close()
            }
        }
        .conflate()

/**
 * A signal now and after every change the core reports to one report (an edit, a send, a reply).
 */
internal fun IhanoiCore.changesOf(id: String): Flow<Unit> = observed { send ->
    observeReports(
        object : ReportsListener {
            override fun onReportsChanged(update: ReportListUpdate) {
                if (update.initial || update.changes.any { it.reportId == id }) send(Unit)
            }
        }
    )
}
