package vn.ihanoi.app.data

import android.content.Context

/**
 * Whether the resident has seen the first-run screen. App-private preferences (a flag about this
 * phone's app, not a report): the core keeps everything about reports and the account.
 */
class FirstRunStore(context: Context) {
    private val prefs = context.getSharedPreferences("ihanoi_app", Context.MODE_PRIVATE)

    val done: Boolean
        get() = prefs.getBoolean(KEY, false)

    fun markDone() = prefs.edit().putBoolean(KEY, true).apply()

    private companion object {
        const val KEY = "first_run_done"
    }
}
