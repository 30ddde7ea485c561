package vn.ihanoi.app.platform

import android.content.Context
import android.net.ConnectivityManager
import android.net.Network
import android.net.NetworkCapabilities
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.ReportsListener
import vn.ihanoi.core.model.NetworkType
import vn.ihanoi.core.model.ReportChangeKind
import vn.ihanoi.core.model.ReportListUpdate
import vn.ihanoi.core.model.ReportState

/**
 * What wakes the outbox besides the schedule: a report entering the queue (whichever screen queued
 * it: the core's report observer says so) and the phone getting a network back.
 */
class OutboxNudges(
    private val context: Context,
    private val core: IhanoiCore,
    private val sendNow: () -> Unit,
) {
    /** Registers both; closing the result unregisters them. */
    fun start(): AutoCloseable {
        val queued =
            core.observeReports(
                object : ReportsListener {
                    override fun onReportsChanged(update: ReportListUpdate) {
                        if (update.initial) return
                        val entered =
                            update.changes.any {
                                it.kind == ReportChangeKind.STATE_CHANGED &&
                                    it.state == ReportState.QUEUED
                            }
                        if (entered) sendNow()
                    }
                }
            )
        val connectivity = context.getSystemService(ConnectivityManager::class.java)
        val callback =
            object : ConnectivityManager.NetworkCallback() {
                override fun onAvailable(network: Network) {
                    // WorkManager's network constraint runs only what is already enqueued: a
                    // report whose retry time passed offline, and what the city did meanwhile,
                    // need a run of their own (sending nothing and pulling is cheap).
                    sendNow()
                }
            }
        connectivity?.registerDefaultNetworkCallback(callback)
        return AutoCloseable {
            queued.cancel()
            queued.close()
            runCatching { connectivity?.unregisterNetworkCallback(callback) }
        }
    }
}

/** The network the core is told about (photos wait for Wi-Fi when the resident asked so). */
fun currentNetwork(context: Context): NetworkType {
    val manager =
        context.getSystemService(ConnectivityManager::class.java) ?: return NetworkType.UNKNOWN
    val capabilities =
        manager.activeNetwork?.let { manager.getNetworkCapabilities(it) }
            ?: return NetworkType.UNKNOWN
    return when {
        capabilities.hasTransport(NetworkCapabilities.TRANSPORT_WIFI) ||
            capabilities.hasTransport(NetworkCapabilities.TRANSPORT_ETHERNET) -> NetworkType.WIFI
        capabilities.hasTransport(NetworkCapabilities.TRANSPORT_CELLULAR) -> NetworkType.CELLULAR
        else -> NetworkType.UNKNOWN
    }
}
