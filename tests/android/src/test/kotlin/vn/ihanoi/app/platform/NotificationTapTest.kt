package vn.ihanoi.app.platform

import android.Manifest
import android.app.Application
import android.app.NotificationManager
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.v2.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performScrollTo
import androidx.work.WorkInfo
import kotlinx.coroutines.flow.MutableStateFlow
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import vn.ihanoi.app.AppContainer
import vn.ihanoi.app.MainActivity
import vn.ihanoi.app.coretests.CoreTestRunner
import vn.ihanoi.app.ui.IhanoiApp
import vn.ihanoi.app.ui.theme.IhanoiTheme
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.core.model.PreferenceChange
import vn.ihanoi.tests.support.ReferenceCity
import vn.ihanoi.tests.support.SharedData

/**
 * From the notification of the ward's reply to the report's screen: the notification's
 * PendingIntent names the report, the activity hands it to the app, the app opens the report's
 * screen, and opening it marks the reply read in the core (the unread badge's count goes to 0).
 */
@RunWith(CoreTestRunner::class)
@Config(sdk = [34], qualifiers = "vi-w360dp-h640dp-xhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class NotificationTapTest {
    @get:Rule val compose = createComposeRule()

    @get:Rule val dataDir = TemporaryFolder()

    private lateinit var phone: Phone
    private val running = mutableListOf<AutoCloseable>()

    @Before
    fun open() {
        phone = Phone(dataDir.newFolder("core"))
        shadowOf(phone.context as Application)
            .grantPermissions(Manifest.permission.POST_NOTIFICATIONS)
        phone.useReferenceCity()
        running += CityNotifier(phone.context, phone.core).start()
        running += OutboxNudges(phone.context, phone.core, phone.scheduler::sendNow).start()
    }

    @After
    fun close() {
        running.forEach { it.close() }
        phone.close()
    }

    private fun await(what: String, condition: () -> Boolean) {
        repeat(3_000) {
            shadowOf(android.os.Looper.getMainLooper()).idle()
            if (condition()) return
            Thread.sleep(20)
        }
        error("never happened: $what")
    }

    @Test
    fun `tapping the reply's notification opens the report, which marks the reply read`() {
        phone.signIn("0977000111")
        val photo = SharedData.file("photos", "phone-12mp-rot6-hanoi.jpg").toFile()
        val fix =
            LocationFix(
                21.0287,
                105.8524,
                8.0,
                System.currentTimeMillis(),
                LocationSource.DEVICE_GPS,
                false,
            )
        val id = phone.readyDraft(photo, fix)
        phone.core.queueReport(id)
        val send = phone.unique(OutboxScheduler.SEND).last()
        phone.driver.setAllConstraintsMet(send.id)
        assertEquals(WorkInfo.State.SUCCEEDED, phone.awaitFinished(send.id).state)
        val serviceRequestId = requireNotNull(phone.core.submission(id)).serviceRequestId

        ReferenceCity.act(serviceRequestId, "accept", "Phường đã nhận, tổ môi trường sẽ xử lý")
        val pull = phone.scheduler.schedulePeriodicPull()
        phone.driver.setAllConstraintsMet(pull.id)
        phone.driver.setPeriodDelayMet(pull.id)
        await("the reply is pulled") { phone.core.reportDetails(id).unreadUpdates > 0u }

        val system = phone.context.getSystemService(NotificationManager::class.java)
        await("the reply is notified") {
            shadowOf(system).allNotifications.any { it.channelId == CityNotifier.CHANNEL_REPLIES }
        }
        val reply =
            shadowOf(system).allNotifications.last { it.channelId == CityNotifier.CHANNEL_REPLIES }
        val tapped = shadowOf(reply.contentIntent).savedIntent
        assertEquals(MainActivity::class.java.name, tapped.component?.className)
        val requested = MutableStateFlow(MainActivity.reportIdOf(tapped))
        assertEquals(id, requested.value)

        // The app as MainActivity composes it, over this phone's core, past its first run.
        phone.core.setPreference(PreferenceChange.FirstRunDone(true))
        val container = AppContainer(phone.context) { phone.core }
        compose.setContent { IhanoiTheme { IhanoiApp(container, "0.1.0", openReport = requested) } }

        compose.waitUntil(30_000) {
            compose
                .onAllNodes(hasText("Phường đã nhận, tổ môi trường sẽ xử lý"))
                .fetchSemanticsNodes()
                .isNotEmpty()
        }
        compose
            .onNodeWithText("Phường đã nhận, tổ môi trường sẽ xử lý")
            .performScrollTo()
            .assertIsDisplayed()
        assertNull("the request is handled once", requested.value)
        await("opening the report marked its reply read") {
            phone.core.reportDetails(id).unreadUpdates == 0u
        }
        assertTrue(phone.core.timeline(id).none { it.unread })
    }
}
