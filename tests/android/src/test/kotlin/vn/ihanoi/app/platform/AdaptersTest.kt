package vn.ihanoi.app.platform

import android.Manifest
import android.app.Application
import android.app.NotificationManager
import android.content.Context
import android.location.Location
import android.location.LocationManager
import android.net.ConnectivityManager
import android.net.Uri
import android.os.Looper
import android.os.SystemClock
import java.io.ByteArrayInputStream
import java.io.IOException
import javax.crypto.KeyGenerator
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield
import org.junit.After
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import vn.ihanoi.app.coretests.CoreTestRunner
import vn.ihanoi.core.SecretStoreException
import vn.ihanoi.core.locationVerdict
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.core.model.ReportState
import vn.ihanoi.tests.support.ReferenceCity
import vn.ihanoi.tests.support.SharedData

/** Each platform adapter over Robolectric's framework, feeding the real core. */
@RunWith(CoreTestRunner::class)
@Config(sdk = [34], qualifiers = "vi")
class AdaptersTest {
    @get:Rule val dataDir = TemporaryFolder()

    private lateinit var phone: Phone
    private val context: Context
        get() = phone.context

    @Before fun open() = run { phone = Phone(dataDir.newFolder("core")) }

    @After fun close() = phone.close()

    private fun grant(vararg permissions: String) =
        shadowOf(context as Application).grantPermissions(*permissions)

    // ---- location ----

    private fun gps(accuracy: Float, ageMs: Long, mock: Boolean = false) =
        Location(LocationManager.GPS_PROVIDER).apply {
            latitude = 21.0287
            longitude = 105.8524
            this.accuracy = accuracy
            time = System.currentTimeMillis() - ageMs
            elapsedRealtimeNanos = SystemClock.elapsedRealtimeNanos() - ageMs * 1_000_000
            isMock = mock
        }

    @Test
    fun `location - nothing is read without the permission`() {
        val manager = context.getSystemService(LocationManager::class.java)
        shadowOf(manager).setProviderEnabled(LocationManager.GPS_PROVIDER, true)
        shadowOf(manager).setLastKnownLocation(LocationManager.GPS_PROVIDER, gps(5f, 1_000))
        assertNull(FrameworkLocation(context).lastKnown())
    }

    @Test
    fun `location - accuracy, age and the mock flag reach the core's verdict`() {
        grant(Manifest.permission.ACCESS_FINE_LOCATION)
        val manager = context.getSystemService(LocationManager::class.java)
        shadowOf(manager).setProviderEnabled(LocationManager.GPS_PROVIDER, true)
        val location = FrameworkLocation(context)

        shadowOf(manager).setLastKnownLocation(LocationManager.GPS_PROVIDER, gps(6f, 2_000))
        val fresh = requireNotNull(location.lastKnown())
        assertEquals(6.0, fresh.accuracyM, 0.001)
        assertEquals(LocationSource.DEVICE_GPS, fresh.source)
        assertFalse(fresh.mocked)
        val now = System.currentTimeMillis()
        assertTrue(
            "measured about 2 s ago: ${now - fresh.timeMs}",
            now - fresh.timeMs in 1_000..60_000,
        )

        // An hour old and from a mock-location app: the core's verdict changes, not the adapter's.
        shadowOf(manager)
            .setLastKnownLocation(LocationManager.GPS_PROVIDER, gps(6f, 3_600_000, mock = true))
        val stale = requireNotNull(location.lastKnown())
        assertTrue(stale.mocked)
        assertNotEquals(locationVerdict(fresh, now), locationVerdict(stale, now))
    }

    @Test
    fun `location - a new fix from the provider answers current()`() {
        grant(Manifest.permission.ACCESS_FINE_LOCATION)
        val manager = context.getSystemService(LocationManager::class.java)
        shadowOf(manager).setProviderEnabled(LocationManager.GPS_PROVIDER, true)
        val fix = runBlocking {
            val pending = async { FrameworkLocation(context).current() }
            // The listener is registered on the main looper; the "satellites" answer there.
            while (!pending.isCompleted) {
                shadowOf(Looper.getMainLooper()).idle()
                shadowOf(manager).simulateLocation(gps(4f, 0))
                yield()
            }
            pending.await()
        }
        assertEquals(4.0, requireNotNull(fix).accuracyM, 0.001)
    }

    // ---- photos ----

    @Test
    fun `photos - a picked content address is copied into the inbox and attached by path`() {
        val photo = SharedData.file("photos", "iphone4s-gps-small.jpg").toFile()
        val uri = Uri.parse("content://media.picker.test/photo/1")
        shadowOf(context.contentResolver).registerInputStream(uri, photo.inputStream())
        val inbox = PhotoInbox(context)

        val copied = inbox.copyIn(uri)
        assertEquals(inbox.folder.canonicalPath, copied.parentFile!!.canonicalPath)
        assertArrayEquals(photo.readBytes(), copied.readBytes())

        phone.core.setPhotoInputDirs(listOf(inbox.folder.path))
        val id = phone.core.createDraft().id
        val attached =
            vn.ihanoi.core.TaskHandle().use {
                runBlocking {
                    phone.core.attachPhoto(
                        id,
                        copied.path,
                        vn.ihanoi.core.model.PhotoSource.GALLERY,
                        vn.ihanoi.core.defaultCompressOptions(),
                        it,
                    )
                }
            }
        inbox.discard(copied.path)
        assertFalse("the original goes once the core has its copy", copied.exists())
        assertTrue(java.io.File(attached.path).exists())
        assertEquals(listOf(attached.id), phone.core.photos(id).map { it.id })
    }

    @Test
    fun `photos - a file too large is refused and leaves nothing behind`() {
        val uri = Uri.parse("content://media.picker.test/photo/2")
        shadowOf(context.contentResolver)
            .registerInputStream(uri, ByteArrayInputStream(ByteArray(4096)))
        val inbox = PhotoInbox(context)
        assertThrows(IOException::class.java) { inbox.copyIn(uri, maxBytes = 1024) }
        assertEquals(0, inbox.folder.listFiles()!!.size)
    }

    @Test
    fun `photos - the camera writes through the app's FileProvider into the inbox`() {
        val (file, uri) = PhotoInbox(context).cameraTarget()
        assertEquals("content", uri.scheme)
        assertEquals(PhotoInbox.authority(context), uri.authority)
        assertEquals(PhotoInbox(context).folder.canonicalPath, file.parentFile!!.canonicalPath)
    }

    // ---- notifications ----

    @Test
    fun `notifications - a new alert from the city is posted on its channel`() {
        grant(Manifest.permission.POST_NOTIFICATIONS)
        phone.useReferenceCity()
        val notifier = CityNotifier(context, phone.core).start()
        try {
            val title = "Ngập úng phố Hàng Bài ${System.nanoTime()}"
            ReferenceCity.publishAlert(title, "Flooding on Hang Bai street")
            vn.ihanoi.core.TaskHandle().use { runBlocking { phone.core.pull(it) } }

            val system = context.getSystemService(NotificationManager::class.java)
            // The core tells its observers on its own thread, as the pull stores the alert.
            val alert = awaitNotification { it.extras.getString("android.title") == title }
            assertEquals(CityNotifier.CHANNEL_ALERTS, alert.channelId)
            assertEquals("Cảnh báo mới từ thành phố", alert.extras.getString("android.text"))
            assertTrue(
                listOf(
                        CityNotifier.CHANNEL_REPLIES,
                        CityNotifier.CHANNEL_ALERTS,
                        CityNotifier.CHANNEL_SYNC,
                    )
                    .all { system.getNotificationChannel(it) != null }
            )
        } finally {
            notifier.close()
        }
    }

    @Test
    fun `notifications - without the Android 13 permission nothing is posted`() {
        shadowOf(context as Application).denyPermissions(Manifest.permission.POST_NOTIFICATIONS)
        phone.useReferenceCity()
        val notifier = CityNotifier(context, phone.core)
        assertTrue(notifier.needsPermission())
        val started = notifier.start()
        try {
            ReferenceCity.publishAlert("Mất điện ${System.nanoTime()}", "Power cut")
            vn.ihanoi.core.TaskHandle().use { runBlocking { phone.core.pull(it) } }
            val system = context.getSystemService(NotificationManager::class.java)
            assertEquals(0, shadowOf(system).allNotifications.size)
        } finally {
            started.close()
        }
    }

    private fun awaitNotification(
        match: (android.app.Notification) -> Boolean
    ): android.app.Notification {
        val system = context.getSystemService(NotificationManager::class.java)
        repeat(500) {
            shadowOf(system).allNotifications.firstOrNull(match)?.let {
                return it
            }
            Thread.sleep(20)
        }
        error("not posted; posted: ${shadowOf(system).allNotifications.map { it.extras }}")
    }

    // ---- connectivity and the outbox ----

    @Test
    fun `nudges - a queued report and a returning network each ask for a send`() {
        var asked = 0
        val nudges = OutboxNudges(context, phone.core) { asked++ }.start()
        try {
            val fix =
                vn.ihanoi.core.model.LocationFix(
                    21.0287,
                    105.8524,
                    8.0,
                    System.currentTimeMillis(),
                    LocationSource.DEVICE_GPS,
                    false,
                )
            val id =
                phone.readyDraft(SharedData.file("photos", "iphone4s-gps-small.jpg").toFile(), fix)
            assertEquals(0, asked)
            assertEquals(ReportState.QUEUED, phone.core.queueReport(id).state)
            assertEquals(1, asked)

            val connectivity = context.getSystemService(ConnectivityManager::class.java)
            val callbacks = shadowOf(connectivity).networkCallbacks
            assertEquals(1, callbacks.size)
            callbacks.forEach { it.onAvailable(connectivity.activeNetwork!!) }
            assertEquals(2, asked)
        } finally {
            nudges.close()
        }
        val connectivity = context.getSystemService(ConnectivityManager::class.java)
        assertTrue("unregistered on close", shadowOf(connectivity).networkCallbacks.isEmpty())
    }

    // ---- the secret store ----

    @Test
    fun `secrets - AES-GCM under the provided key - another key or a changed byte cannot read them`() {
        val key = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
        val store = KeystoreSecretStore(context) { key }
        store.set("token", "mã-bí-mật")
        store.set("token2", "mã-bí-mật")
        val prefs = context.getSharedPreferences("ihanoi_secrets", Context.MODE_PRIVATE)
        // A fresh IV each time: equal secrets do not give equal ciphertexts.
        assertNotEquals(prefs.getString("token", null), prefs.getString("token2", null))
        assertEquals("mã-bí-mật", store.get("token"))

        val other = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
        assertThrows(SecretStoreException::class.java) {
            KeystoreSecretStore(context) { other }.get("token")
        }

        val sealed =
            android.util.Base64.decode(prefs.getString("token", null), android.util.Base64.NO_WRAP)
        sealed[sealed.size - 1] = (sealed[sealed.size - 1].toInt() xor 1).toByte()
        prefs
            .edit()
            .putString(
                "token",
                android.util.Base64.encodeToString(sealed, android.util.Base64.NO_WRAP),
            )
            .commit()
        assertThrows(SecretStoreException::class.java) { store.get("token") }
    }
}
