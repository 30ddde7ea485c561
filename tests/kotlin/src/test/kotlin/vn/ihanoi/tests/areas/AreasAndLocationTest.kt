package vn.ihanoi.tests.areas

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.IhanoiException
import vn.ihanoi.core.TaskHandle
import vn.ihanoi.core.dataLicences
import vn.ihanoi.core.locationVerdict
import vn.ihanoi.core.model.AreaKind
import vn.ihanoi.core.model.Bilingual
import vn.ihanoi.core.model.ExifPosition
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.LocationQuality
import vn.ihanoi.core.model.LocationSource
import vn.ihanoi.core.model.PoorReason
import vn.ihanoi.core.offeredLocation
import vn.ihanoi.tests.support.SharedData
import vn.ihanoi.tests.support.withCore

/** Ward routing and report locations from Kotlin, on the real 2025 boundaries. */
class AreasAndLocationTest {
    @TempDir
    lateinit var dataDir: Path

    private fun importHanoi(core: vn.ihanoi.core.IhanoiCore) {
        val info = TaskHandle().use { runBlocking { core.importAreasFile(SharedData.file("geo", "hanoi_wards_2025.geojson").toString(), "2025-07-01", it) } }
        assertEquals(126u, info.unitCount)
        core.importFormerNamesFile(SharedData.file("geo", "hanoi_old_to_new.csv").toString())
    }

    private fun fix(lat: Double, lon: Double, accuracy: Double, source: LocationSource = LocationSource.DEVICE_GPS) =
        LocationFix(lat, lon, accuracy, System.currentTimeMillis(), source, false)

    @Test
    fun `a fresh install routes with the built-in set and shows its licences`() = withCore(dataDir) { core ->
        val info = core.areaSetInfo()!!
        assertTrue(info.builtIn)
        assertEquals(126u, info.unitCount)
        assertEquals("Phường Ba Đình", core.locateArea(21.0368, 105.8346)?.name)
        assertEquals("Phường Trúc Bạch", core.searchAreas("truc bach", 3u).first().formerName)
        val licences = dataLicences()
        assertEquals(listOf("MIT", "MIT"), licences.map { it.spdx })
        assertTrue(licences.all { it.text.startsWith("MIT License") })
    }

    @Test
    fun `well-known places, boundary ambiguity and name search`() = withCore(dataDir) { core ->
        importHanoi(core)
        val lake = core.locateArea(21.0288, 105.8525)!!
        assertEquals("00070", lake.code)
        assertEquals("Phường Hoàn Kiếm", lake.name)
        assertEquals(AreaKind.WARD, lake.kind)
        assertEquals("Xã Nội Bài", core.locateArea(21.2187, 105.8042)?.name)
        assertNull(core.locateArea(20.86, 106.68), "Hải Phòng is outside Hanoi")

        // Mid Red River with an 80 m circle: Hồng Hà holds it, Bồ Đề across the river.
        val lookup = core.lookupAreas(21.0430, 105.8620, 80.0)
        assertTrue(lookup.ambiguous)
        assertEquals(listOf("00097", "00118"), lookup.candidates.map { it.area.code })
        assertTrue(lookup.candidates[0].contains)

        assertEquals("Phường Yên Hoà", core.searchAreas("yen hòa", 3u).first().area.name)
        val former = core.searchAreas("Hàng Bạc", 3u).first()
        assertEquals("Phường Hoàn Kiếm", former.area.name)
        assertEquals("Phường Hàng Bạc", former.formerName)
    }

    @Test
    fun `a report keeps its location, a moved pin wins, bad fixes are refused`() = withCore(dataDir) { core ->
        importHanoi(core)
        val id = core.createDraft().id
        val gps = core.setReportLocation(id, fix(21.0288, 105.8525, 8.0))
        assertEquals("00070", gps.areaCode)
        assertEquals(LocationQuality.GOOD, gps.verdict.quality)
        // The words the screen shows come from the core, in both languages.
        assertEquals(Bilingual("GPS của máy", "device GPS"), gps.sourceLabel)
        assertEquals(Bilingual("tốt", "good"), gps.verdict.qualityLabel)
        assertFalse(gps.areaAmbiguous)

        val pin = core.setReportLocation(id, fix(21.0288 + 100.0 / 110_750.0, 105.8525, 0.0, LocationSource.MANUAL_PIN))
        assertTrue(pin.pinAdjusted)
        assertEquals(100.0, pin.pinMovedM!!, 0.5)
        assertEquals(pin, core.setReportLocation(id, fix(21.0288, 105.8525, 5.0)), "a later GPS fix does not move the pin")
        assertEquals(pin, core.reportLocation(id))

        assertThrows<IhanoiException.InvalidArgument> { core.setReportLocation(id, fix(Double.NaN, 105.85, 5.0)) }
        assertThrows<IhanoiException.InvalidArgument> { core.setReportLocation(id, fix(21.0, 105.85, -1.0)) }
        assertThrows<IhanoiException.InvalidArgument> { core.lookupAreas(91.0, 105.85, 30.0) }
    }

    @Test
    fun `verdicts and the photo's EXIF offer`() {
        val now = System.currentTimeMillis()
        val stale = LocationFix(21.03, 105.85, 150.0, now - 3 * 60_000, LocationSource.NETWORK, true)
        val verdict = locationVerdict(stale, now)
        assertEquals(LocationQuality.POOR, verdict.quality)
        assertEquals(listOf(PoorReason.INACCURATE, PoorReason.STALE, PoorReason.MOCKED), verdict.reasons)
        assertTrue(verdict.needsConfirmation)
        assertEquals("kém, nên xác nhận trên bản đồ", verdict.qualityLabel.vi)

        val exif = ExifPosition(21.0367, 105.8346, null, now)
        assertEquals(LocationSource.PHOTO_EXIF, offeredLocation(null, exif)?.source)
        val device = LocationFix(21.03, 105.85, 10.0, now, LocationSource.DEVICE_GPS, false)
        assertEquals(device, offeredLocation(device, exif))
    }
}
