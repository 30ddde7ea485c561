package vn.ihanoi.tests.drafts

import java.nio.file.Path
import java.text.Normalizer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import vn.ihanoi.core.model.DraftField
import vn.ihanoi.core.model.ProblemCode
import vn.ihanoi.tests.support.withCore

/**
 * Vietnamese keyboards send decomposed text (e + combining circumflex + combining
 * dot below for "ệ"); the core stores NFC so lengths and the city's search agree.
 */
class TextNormalisationTest {
    @TempDir
    lateinit var dataDir: Path

    private fun decomposed(text: String): String =
        Normalizer.normalize(text, Normalizer.Form.NFD).also { assertNotEquals(text, it) }

    private fun isNfc(text: String) = Normalizer.isNormalized(text, Normalizer.Form.NFC)

    @Test
    fun `decomposed Vietnamese comes back composed in every text field`() = withCore(dataDir) { core ->
        val id = core.createDraft().id
        val description = "Rác thải đổ trộm bên hồ, bốc mùi nghiêm trọng"
        val address = "Ngõ 622 Minh Khai, Hai Bà Trưng"
        val category = "môi_trường"

        core.updateDraft(id, DraftField.Description(decomposed(description)))
        core.updateDraft(id, DraftField.Address(decomposed(address)))
        core.updateDraft(id, DraftField.Category(decomposed(category)))

        val saved = core.report(id)
        assertEquals(description, saved.description)
        assertEquals(address, saved.address)
        assertEquals(category, saved.categoryCode)
        assertTrue(isNfc(saved.description))
    }

    @Test
    fun `description length is counted after NFC, so decomposed text is not too long`() =
        withCore(dataDir) { core ->
            val id = core.createDraft().id
            // 2000 "ệ" is exactly the city's limit; decomposed it is 6000 code points.
            val atLimit = "ệ".repeat(2000)
            val input = decomposed(atLimit)
            assertEquals(6000, input.codePointCount(0, input.length))

            core.updateDraft(id, DraftField.Description(input))

            assertEquals(atLimit, core.report(id).description)
            val codes = core.problems(id).map { it.code }
            assertFalse(ProblemCode.DESCRIPTION_TOO_LONG in codes, "problems: $codes")
            assertFalse(ProblemCode.DESCRIPTION_TOO_SHORT in codes, "problems: $codes")
        }

    @Test
    fun `surrounding white space does not count towards the minimum length`() = withCore(dataDir) { core ->
        val id = core.createDraft().id
        core.updateDraft(id, DraftField.Description("      Ổ gà      "))

        assertTrue(ProblemCode.DESCRIPTION_TOO_SHORT in core.problems(id).map { it.code })
    }
}
