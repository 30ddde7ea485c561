package vn.ihanoi.tests.support

import java.util.Collections
import vn.ihanoi.core.LogSink
import vn.ihanoi.core.installLogSink
import vn.ihanoi.core.model.LogLevel

/**
 * The core's log lines as a shell's sink receives them (the app routes them to Logcat).
 * The sink is process-wide and installed once: every test shares this one.
 */
object LogCapture : LogSink {
    data class Line(val level: LogLevel, val target: String, val message: String)

    private val recorded = Collections.synchronizedList(mutableListOf<Line>())

    val lines: List<Line>
        get() = synchronized(recorded) { recorded.toList() }

    private val installed: Unit by lazy { installLogSink(this, LogLevel.TRACE) }

    fun install() = installed

    override fun log(level: LogLevel, target: String, message: String) {
        recorded += Line(level, target, message)
    }
}
