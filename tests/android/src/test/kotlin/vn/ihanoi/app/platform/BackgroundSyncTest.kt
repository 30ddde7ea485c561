package vn.ihanoi.app.platform

import androidx.work.NetworkType as WorkNetworkType
import androidx.work.WorkInfo
import java.util.concurrent.TimeUnit
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.annotation.Config
import vn.ihanoi.app.coretests.CoreTestRunner
import vn.ihanoi.core.model.CityConfig
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.tests.support.ReferenceCity
import vn.ihanoi.tests.support.SharedData

/** WorkManager in its test mode running the app's [SyncWorker] over the real core. */
@RunWith(CoreTestRunner::class)
@Config(sdk = [34])
class BackgroundSyncTest {
    @get:Rule val dataDir = TemporaryFolder()

    private val now = System.currentTimeMillis()
    private lateinit var phone: Phone

    @Before fun open() = run { phone = Phone(dataDir.newFolder("core")) { now } }

    @After fun close() = phone.close()

    private fun fix() = LocationFix(21.0287, 105.8524, 8.0, now, LocationSource.DEVICE_GPS, false)

    @Test
    fun `a send waits for a network, is expedited, and runs the core's sync and pull`() {
        phone.useReferenceCity()
        val title = "Cắt nước phố Huế ${System.nanoTime()}"
        ReferenceCity.publishAlert(title, "Water cut on Hue street")
        val request = phone.scheduler.sendNow()
        assertTrue("asked for as expedited work", request.workSpec.expedited)
        val waiting = phone.info(request.id)
        assertEquals(WorkInfo.State.ENQUEUED, waiting.state)
        assertEquals(WorkNetworkType.CONNECTED, waiting.constraints.requiredNetworkType)
        assertTrue(
            "nothing pulled before it ran",
            phone.core.alerts().none { it.title.vi == title },
        )

        phone.driver.setAllConstraintsMet(request.id)
        val done = phone.awaitFinished(request.id)

        assertEquals(WorkInfo.State.SUCCEEDED, done.state)
        // Signed out: nothing sent, but the public part of the pull ran (the city's alerts).
        assertEquals(0, done.outputData.getInt(SyncWorker.SENT, -1))
        assertTrue(phone.core.alerts().any { it.title.vi == title })
    }

    @Test
    fun `one sync at a time - a second send waits for the first`() {
        val first = phone.scheduler.sendNow()
        val second = phone.scheduler.sendNow()
        val states = phone.unique(OutboxScheduler.SEND).associate { it.id to it.state }
        assertEquals(WorkInfo.State.ENQUEUED, states[first.id])
        assertEquals(WorkInfo.State.BLOCKED, states[second.id])
    }

    @Test
    fun `the periodic pull is asked for once, hourly, on a network`() {
        val first = phone.scheduler.schedulePeriodicPull()
        phone.scheduler.schedulePeriodicPull()
        val pulls = phone.unique(OutboxScheduler.PULL)
        assertEquals(listOf(first.id), pulls.map { it.id })
        assertEquals(
            TimeUnit.MINUTES.toMillis(60),
            pulls.single().periodicityInfo?.repeatIntervalMillis,
        )
        assertEquals(WorkNetworkType.CONNECTED, pulls.single().constraints.requiredNetworkType)
    }

    @Test
    fun `the city out of reach - the report waits and the next attempt is at the core's time`() {
        phone.useReferenceCity()
        phone.signIn()
        val id =
            phone.readyDraft(SharedData.file("photos", "iphone4s-gps-small.jpg").toFile(), fix())
        assertEquals(ReportState.QUEUED, phone.core.queueReport(id).state)
        // Nothing listens on the discard port.
        phone.core.configureCity(CityConfig("http://127.0.0.1:9", ReferenceCity.API_KEY, null))

        val run = phone.scheduler.sendNow()
        phone.driver.setAllConstraintsMet(run.id)
        val done = phone.awaitFinished(run.id)

        assertEquals(WorkInfo.State.SUCCEEDED, done.state)
        assertEquals(ReportState.QUEUED, phone.core.report(id).state)
        val next = done.outputData.getLong(SyncWorker.NEXT_RUN_AT_MS, -1)
        assertTrue("the core names the next attempt: $next", next > now)
        val retry = phone.unique(OutboxScheduler.RETRY).single()
        assertEquals(WorkInfo.State.ENQUEUED, retry.state)
        assertEquals(next - now, retry.initialDelayMillis)
        assertEquals(WorkNetworkType.CONNECTED, retry.constraints.requiredNetworkType)
    }
}
