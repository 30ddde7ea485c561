package vn.ihanoi.app.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.withContext
import vn.ihanoi.core.CountsListener
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.dataLicences
import vn.ihanoi.core.model.AlertSeverity
import vn.ihanoi.core.model.BadgeCounts

/** Third-party data the core ships and its licence (the ward boundaries are MIT). */
data class Licence(val name: Words, val source: String, val spdx: String, val text: String)

/** One alert from the city ("Truyền thông, cảnh báo"). */
data class CityAlert(
    val id: String,
    val severity: Words,
    /** Drives the colour only. */
    val danger: Boolean,
    val title: Words,
    val body: Words,
    val publishedAtMs: Long,
    val unread: Boolean,
)

/** The about screen's facts and the city's alerts, from the core. */
interface InfoRepository {
    /** The core's version (the app's own is the package's). */
    fun coreVersion(): String

    suspend fun licences(): List<Licence>

    /** The live alerts, newest first, again whenever the unread count changes. */
    fun alerts(): Flow<List<CityAlert>>

    suspend fun markAlertRead(id: String)
}

/** [InfoRepository] over the core; calls run on [io]. */
class CoreInfoRepository(
    private val core: IhanoiCore,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) : InfoRepository {
    override fun coreVersion(): String = vn.ihanoi.core.coreVersion()

    override suspend fun licences(): List<Licence> =
        withContext(io) {
            dataLicences().map { Licence(it.name.words(), it.source, it.spdx, it.text) }
        }

    override fun alerts(): Flow<List<CityAlert>> =
        observed<UInt> { send ->
                core.observeCounts(
                    object : CountsListener {
                        override fun onCountsChanged(counts: BadgeCounts) =
                            send(counts.unreadAlerts)
                    }
                )
            }
            .map {
                core.alerts().map {
                    CityAlert(
                        id = it.alertId,
                        severity = it.severityLabel.words(),
                        danger = it.severity == AlertSeverity.DANGER,
                        title = it.title.words(),
                        body = it.body.words(),
                        publishedAtMs = it.publishedAtMs,
                        unread = it.unread,
                    )
                }
            }
            .flowOn(io)

    override suspend fun markAlertRead(id: String) {
        withContext(io) { core.markAlertRead(id) }
    }
}
