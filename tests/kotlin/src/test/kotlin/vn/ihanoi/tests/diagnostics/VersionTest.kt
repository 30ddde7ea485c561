package vn.ihanoi.tests.diagnostics

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import vn.ihanoi.core.coreVersion

class VersionTest {
    @Test
    fun `the library reports a semantic version`() {
        assertTrue(Regex("""\d+\.\d+\.\d+.*""").matches(coreVersion()), coreVersion())
    }
}
