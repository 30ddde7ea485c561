package vn.ihanoi.app.platform

import android.Manifest
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import vn.ihanoi.app.MainActivity
import vn.ihanoi.app.R
import vn.ihanoi.core.CountsListener
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.ReportsListener
import vn.ihanoi.core.model.BadgeCounts
import vn.ihanoi.core.model.Bilingual
import vn.ihanoi.core.model.Language
import vn.ihanoi.core.model.ReportChangeKind
import vn.ihanoi.core.model.ReportListUpdate

/**
 * Notifications for what the city did, driven by the core's observers: a report the city updated (a
 * pull stored a new timeline entry: the core marks the change `CityUpdated`) and alerts that became
 * unread. The words are the core's (the entry's label and the official's text, the alert's title)
 * in the phone's language; nothing is posted without the permission (Android 13+) or with the
 * channel turned off.
 */
class CityNotifier(private val context: Context, private val core: IhanoiCore) {
    private val manager = NotificationManagerCompat.from(context)
    private val alertsNotified = mutableSetOf<String>()
    private var unreadAlerts: UInt? = null

    /** The channels, made once (the system keeps the resident's choices for them). */
    fun ensureChannels() = ensureChannels(context)

    /** Android 13+ asks the resident; the app asks after the first report is queued. */
    fun needsPermission(): Boolean =
        Build.VERSION.SDK_INT >= 33 &&
            context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) !=
                PackageManager.PERMISSION_GRANTED

    /**
     * Registers the observers; closing the result unregisters them. What is unread when this starts
     * was already there: only what arrives afterwards is notified.
     */
    fun start(): AutoCloseable {
        ensureChannels()
        core.alerts().filter { it.unread }.forEach { alertsNotified += it.alertId }
        val reports =
            core.observeReports(
                object : ReportsListener {
                    override fun onReportsChanged(update: ReportListUpdate) = onReports(update)
                }
            )
        val counts =
            core.observeCounts(
                object : CountsListener {
                    override fun onCountsChanged(counts: BadgeCounts) = onCounts(counts)
                }
            )
        return AutoCloseable {
            listOf(reports, counts).forEach {
                it.cancel()
                it.close()
            }
        }
    }

    private fun onReports(update: ReportListUpdate) {
        if (update.initial) return
        update.changes
            .filter { it.kind == ReportChangeKind.CITY_UPDATED }
            .map { it.reportId }
            .distinct()
            .forEach(::postReply)
    }

    @Synchronized
    private fun onCounts(counts: BadgeCounts) {
        val before = unreadAlerts
        unreadAlerts = counts.unreadAlerts
        if (before == null || counts.unreadAlerts <= before) return
        core
            .alerts()
            .filter { it.unread && it.alertId !in alertsNotified }
            .forEach { alert ->
                alertsNotified += alert.alertId
                post(
                    tag = "alert:${alert.alertId}",
                    channel = CHANNEL_ALERTS,
                    title = words(alert.title),
                    body = context.getString(R.string.notification_new_alert),
                    reportId = null,
                )
            }
    }

    private fun postReply(reportId: String) {
        val latest = core.timeline(reportId).lastOrNull() ?: return
        val category = core.reportDetails(reportId).category
        val title = category?.let { words(it.name) } ?: context.getString(R.string.app_name)
        val label = words(latest.label)
        post(
            tag = "report:$reportId",
            channel = CHANNEL_REPLIES,
            title = title,
            body = if (latest.text.isBlank()) label else "$label: ${latest.text}",
            reportId = reportId,
        )
    }

    private fun post(tag: String, channel: String, title: String, body: String, reportId: String?) {
        if (needsPermission() || !manager.areNotificationsEnabled()) return
        val notification =
            NotificationCompat.Builder(context, channel)
                .setSmallIcon(R.drawable.ic_notification)
                .setContentTitle(title)
                .setContentText(body)
                .setStyle(NotificationCompat.BigTextStyle().bigText(body))
                .setAutoCancel(true)
                .setContentIntent(openApp(context, tag, reportId))
                .build()
        try {
            manager.notify(tag, ID, notification)
        } catch (_: SecurityException) {
            // The permission was withdrawn between the check and the post: nothing to show.
        }
    }

    /** In the app's language: the resident's choice in the settings, else the phone's. */
    private fun words(text: Bilingual): String {
        val phone = context.resources.configuration.locales[0].toLanguageTag()
        val language = runCatching { core.displayLanguage(phone) }.getOrNull()
        return if (language == Language.EN) text.en else text.vi
    }

    companion object {
        const val CHANNEL_REPLIES = "replies"
        const val CHANNEL_ALERTS = "alerts"
        const val CHANNEL_SYNC = "sync"

        /** The report a tapped notification opens (MainActivity's intent extra). */
        const val EXTRA_REPORT_ID = "vn.ihanoi.app.REPORT_ID"

        /**
         * What a tap on a notification starts: the app, on [reportId]'s screen when there is one
         * (MainActivity reads [EXTRA_REPORT_ID]); one per [tag], so each report opens its own.
         */
        fun openApp(context: Context, tag: String, reportId: String?): PendingIntent =
            PendingIntent.getActivity(
                context,
                tag.hashCode(),
                Intent(context, MainActivity::class.java)
                    .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP)
                    .apply { reportId?.let { putExtra(EXTRA_REPORT_ID, it) } },
                PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
            )

        /** The channels, made once (the system keeps the resident's choices for them). */
        fun ensureChannels(context: Context) {
            if (Build.VERSION.SDK_INT < 26) return
            val system = context.getSystemService(NotificationManager::class.java) ?: return
            fun channel(id: String, name: Int, description: Int, importance: Int) =
                NotificationChannel(id, context.getString(name), importance).apply {
                    this.description = context.getString(description)
                }
            system.createNotificationChannels(
                listOf(
                    channel(
                        CHANNEL_REPLIES,
                        R.string.channel_replies,
                        R.string.channel_replies_description,
                        NotificationManager.IMPORTANCE_DEFAULT,
                    ),
                    channel(
                        CHANNEL_ALERTS,
                        R.string.channel_alerts,
                        R.string.channel_alerts_description,
                        NotificationManager.IMPORTANCE_HIGH,
                    ),
                    channel(
                        CHANNEL_SYNC,
                        R.string.channel_sync,
                        R.string.channel_sync_description,
                        NotificationManager.IMPORTANCE_LOW,
                    ),
                )
            )
        }

        /** One id; the tag tells notifications apart (one per report, one per alert). */
        private const val ID = 1
    }
}
