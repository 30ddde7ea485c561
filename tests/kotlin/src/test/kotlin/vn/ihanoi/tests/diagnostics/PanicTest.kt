package vn.ihanoi.tests.diagnostics

import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.InternalException
import vn.ihanoi.core.coreVersion
import vn.ihanoi.core.diagnosticsPanic
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.ReportFilter
import vn.ihanoi.tests.support.openCore
import vn.ihanoi.tests.support.withCore

/**
 * A panic in Rust must reach Kotlin as an exception (uniffi raises InternalException)
 * and leave the process working: on a phone, the alternative is the app vanishing.
 */
class PanicTest {
    @TempDir
    lateinit var dataDir: Path

    @Test
    fun `a Rust panic is an InternalException and the JVM keeps working`() {
        val error = assertThrows<InternalException> { diagnosticsPanic("kiểm tra: panic có chủ ý") }
        assertTrue("kiểm tra: panic có chủ ý" in (error.message ?: ""), "message: ${error.message}")

        // The library is still loaded and usable after the panic.
        assertTrue(coreVersion().isNotBlank())
        openCore(dataDir).use { core ->
            val id = core.createDraft().id
            core.updateDraft(id, DraftField.Description("Sau panic vẫn ghi được"))
            assertEquals("Sau panic vẫn ghi được", core.report(id).description)
        }
    }

    @Test
    fun `a panic while a core is open leaves that core usable`() = withCore(dataDir) { core ->
        val before = core.createDraft().id

        repeat(3) { assertThrows<InternalException> { diagnosticsPanic("panic $it") } }

        assertEquals(before, core.report(before).id)
        val after = core.createDraft().id
        val listed = core.listReports(ReportFilter.ALL, null, 10u).reports.map { it.id }
        assertEquals(setOf(before, after), listed.toSet())
    }
}
