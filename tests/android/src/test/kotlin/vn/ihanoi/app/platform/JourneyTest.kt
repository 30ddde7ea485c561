package vn.ihanoi.app.platform

import android.Manifest
import android.app.Application
import android.app.NotificationManager
import android.location.Location
import android.location.LocationManager
import android.os.SystemClock
import androidx.compose.runtime.remember
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.hasContentDescription
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performScrollTo
import androidx.work.WorkInfo
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.coretests.CoreTestRunner
import vn.ihanoi.app.data.CoreReportDetailRepository
import vn.ihanoi.app.ui.report.ReportDetailRoute
import vn.ihanoi.app.ui.report.ReportDetailViewModel
import vn.ihanoi.app.ui.theme.IhanoiTheme
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.tests.support.ReferenceCity
import vn.ihanoi.tests.support.SharedData

/**
 * The resident's journey on the app's own parts, against the real core and the reference city: sign
 * in, a report from a real photo (picked: a `content://` copy) at the phone's position, queued with
 * no network, sent by the app's worker when the network returns, the ward accepting and resolving
 * it with a photo, the notification, and the report's screen with the timeline and the result
 * photo. And the ward refusing one: its reason on the screen.
 */
@RunWith(CoreTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class JourneyTest {
    @get:Rule val compose = createComposeRule()

    @get:Rule val dataDir = TemporaryFolder()

    private lateinit var phone: Phone
    private val running = mutableListOf<AutoCloseable>()

    @Before
    fun open() {
        phone = Phone(dataDir.newFolder("core"))
        shadowOf(phone.context as Application)
            .grantPermissions(
                Manifest.permission.ACCESS_FINE_LOCATION,
                Manifest.permission.POST_NOTIFICATIONS,
            )
        phone.useReferenceCity()
        // What IhanoiApplication starts: notifications and nudges from the core's observers.
        running += CityNotifier(phone.context, phone.core).start()
        running += OutboxNudges(phone.context, phone.core, phone.scheduler::sendNow).start()
    }

    @After
    fun close() {
        running.forEach { it.close() }
        phone.close()
    }

    /** The phone's position, as the framework's LocationManager gives it. */
    private fun position() =
        requireNotNull(
            FrameworkLocation(phone.context).run {
                val manager = phone.context.getSystemService(LocationManager::class.java)
                shadowOf(manager).setProviderEnabled(LocationManager.GPS_PROVIDER, true)
                shadowOf(manager)
                    .setLastKnownLocation(
                        LocationManager.GPS_PROVIDER,
                        Location(LocationManager.GPS_PROVIDER).apply {
                            latitude = 21.0287
                            longitude = 105.8524
                            accuracy = 7f
                            time = System.currentTimeMillis()
                            elapsedRealtimeNanos = SystemClock.elapsedRealtimeNanos()
                        },
                    )
                lastKnown()
            }
        )

    /** Queued with no network: the send waits; the network returns: the worker sends it. */
    private fun queueOfflineThenSend(): String {
        val photo = SharedData.file("photos", "iphone4s-gps-small.jpg").toFile()
        val id = phone.readyDraft(photo, position())
        assertEquals(ReportState.QUEUED, phone.core.queueReport(id).state)
        // The queued report asked for a send (the observer's nudge); no network: it waits.
        val send = phone.unique(OutboxScheduler.SEND).last()
        assertEquals(WorkInfo.State.ENQUEUED, send.state)
        assertEquals(ReportState.QUEUED, phone.core.report(id).state)

        phone.driver.setAllConstraintsMet(send.id)
        assertEquals(WorkInfo.State.SUCCEEDED, phone.awaitFinished(send.id).state)
        assertEquals(ReportState.SUBMITTED, phone.core.report(id).state)
        return id
    }

    /**
     * The periodic pull's run (the worker again: sync and pull), until [pulled] says the city's
     * answer reached the core: a periodic run goes back to ENQUEUED and resets its attempt count.
     */
    private fun pullInBackground(pulled: () -> Boolean) {
        val pull = phone.scheduler.schedulePeriodicPull()
        phone.driver.setAllConstraintsMet(pull.id)
        phone.driver.setPeriodDelayMet(pull.id)
        await("the periodic pull brings the city's answer", pulled)
    }

    /** Waits for what the core's threads do (its observers call back on them). */
    private fun await(what: String, condition: () -> Boolean) {
        repeat(3_000) {
            shadowOf(android.os.Looper.getMainLooper()).idle()
            if (condition()) return
            Thread.sleep(20)
        }
        error("never happened: $what")
    }

    private fun showDetail(id: String) {
        compose.setContent {
            val detail = remember {
                ReportDetailViewModel(id, CoreReportDetailRepository(phone.core))
            }
            IhanoiTheme { ReportDetailRoute(detail, onBack = {}) }
        }
    }

    @Test
    fun `sign in, report offline, sent by the worker, resolved with a photo, notified, shown`() {
        phone.signIn()
        val id = queueOfflineThenSend()
        val serviceRequestId = requireNotNull(phone.core.submission(id)).serviceRequestId

        ReferenceCity.act(serviceRequestId, "accept", "Đã tiếp nhận, sẽ xử lý trong ngày")
        ReferenceCity.actWithPhotos(
            serviceRequestId,
            "resolve",
            "Đã thu gom rác.",
            listOf(SharedData.file("photos", "nokia-lumia-gps.jpg")),
        )
        pullInBackground { phone.core.timeline(id).size >= 2 }

        // The notification: the category's name, the city's last words.
        val system = phone.context.getSystemService(NotificationManager::class.java)
        fun replies() =
            shadowOf(system).allNotifications.filter {
                it.channelId == CityNotifier.CHANNEL_REPLIES
            }
        await("the reply is notified") {
            replies().any {
                it.extras.getString("android.text").orEmpty().endsWith("Đã thu gom rác.")
            }
        }
        val reply = replies().last()
        val body = reply.extras.getString("android.text").orEmpty()
        assertTrue(body, body.endsWith("Đã thu gom rác."))
        assertEquals(
            id,
            shadowOf(reply.contentIntent).savedIntent.getStringExtra(CityNotifier.EXTRA_REPORT_ID),
        )

        // The report's screen: the timeline (accepted, resolved) and the result photo.
        showDetail(id)
        compose.waitUntil(10_000) {
            compose.onAllNodes(hasText("Đã thu gom rác.")).fetchSemanticsNodes().isNotEmpty()
        }
        compose
            .onNodeWithText("Đã tiếp nhận, sẽ xử lý trong ngày")
            .performScrollTo()
            .assertIsDisplayed()
        compose.onNodeWithText("Đã thu gom rác.").performScrollTo().assertIsDisplayed()
        compose.waitUntil(10_000) {
            compose
                .onAllNodes(hasContentDescription("Ảnh kết quả 1"))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }
        compose.onNodeWithContentDescription("Ảnh kết quả 1").performScrollTo().assertIsDisplayed()
    }

    @Test
    fun `the ward refuses a report - its reason is on the report's screen`() {
        phone.signIn("0911222333")
        val id = queueOfflineThenSend()
        val serviceRequestId = requireNotNull(phone.core.submission(id)).serviceRequestId
        ReferenceCity.act(
            serviceRequestId,
            "reject",
            "Không thuộc thẩm quyền của phường, đã chuyển Sở Xây dựng",
        )
        pullInBackground { phone.core.timeline(id).isNotEmpty() }

        showDetail(id)
        compose.waitUntil(10_000) {
            compose
                .onAllNodes(hasText("Không thuộc thẩm quyền của phường, đã chuyển Sở Xây dựng"))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }
        compose
            .onNodeWithText("Không thuộc thẩm quyền của phường, đã chuyển Sở Xây dựng")
            .performScrollTo()
            .assertIsDisplayed()
    }
}
