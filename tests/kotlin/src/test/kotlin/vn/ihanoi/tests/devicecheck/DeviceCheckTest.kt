package vn.ihanoi.tests.devicecheck

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.checkCodeName
import vn.ihanoi.core.model.CheckCode
import vn.ihanoi.core.model.CheckStatus
import vn.ihanoi.core.model.DeviceFacts
import vn.ihanoi.core.model.NetworkFact
import vn.ihanoi.core.model.OsFact
import vn.ihanoi.core.model.PermissionState
import vn.ihanoi.core.model.Platform
import vn.ihanoi.tests.support.ReferenceCity
import vn.ihanoi.tests.support.withCore

/**
 * The install team's device check from Kotlin: the shell's facts in, the rows out,
 * against the reference city server (a suspend call on the core's runtime).
 */
class DeviceCheckTest {
    @TempDir
    lateinit var dataDir: Path

    @Test
    fun `a denied camera fails and the reference server answers`() = withCore(dataDir) { core ->
        core.configureCity(ReferenceCity.config)
        val facts = DeviceFacts(
            cameraPresent = true,
            cameraPermission = PermissionState.DENIED,
            locationServicesOn = true,
            locationPermission = PermissionState.GRANTED,
            notificationPermission = null,
            network = NetworkFact.WIFI,
            freeStorageBytes = 8_000_000_000uL,
            os = OsFact(Platform.ANDROID, "14"),
        )
        val report = runBlocking { core.deviceCheck(facts) }
        assertEquals(CheckStatus.FAIL, report.verdict)
        val camera = report.checks.single { it.code == CheckCode.CAMERA_PERMISSION }
        assertEquals(CheckStatus.FAIL, camera.status)
        assertTrue(camera.action.vi.startsWith("Mở Cài đặt"), camera.action.vi)
        assertEquals("camera_permission", checkCodeName(camera.code))
        val server = report.checks.single { it.code == CheckCode.SERVER_REACHABLE }
        assertEquals(CheckStatus.OK, server.status, server.toString())
        // A fact the shell did not pass gives no row.
        assertTrue(report.checks.none { it.code == CheckCode.NOTIFICATION_PERMISSION })
    }
}
