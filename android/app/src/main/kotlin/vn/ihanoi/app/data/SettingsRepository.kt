package vn.ihanoi.app.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.languageOptions
import vn.ihanoi.core.model.LanguageChoice
import vn.ihanoi.core.model.PreferenceChange
import vn.ihanoi.core.model.Preferences
import vn.ihanoi.core.model.SizePreset
import vn.ihanoi.core.photoSizeOptions

/** Which language the screens use (the core's `LanguageChoice`). */
enum class LanguageSetting {
    /** As the phone (Vietnamese unless the phone is in English). */
    SYSTEM,
    VI,
    EN,
}

/** How large attached photos are kept and sent (the core's `SizePreset`). */
enum class PhotoSize {
    SMALL,
    STANDARD,
    LARGE,
}

/** The app's settings, as the core keeps them. */
data class AppSettings(
    val firstRunDone: Boolean = false,
    val language: LanguageSetting = LanguageSetting.SYSTEM,
    val photoSize: PhotoSize = PhotoSize.STANDARD,
    val photosOnlyOnWifi: Boolean = false,
)

/** One row of a picker, in the core's words ([hint]: when to choose it). */
data class SettingChoice<T>(val value: T, val label: Words, val hint: Words? = null)

/**
 * The app's settings kept by the core (first run done, language, photo size, photos only on Wi-Fi).
 * [settings] is what was last read or written, `null` before the first read: the language of the
 * whole app follows it.
 */
interface SettingsRepository {
    val settings: StateFlow<AppSettings?>

    suspend fun load(): AppSettings

    /** The store could not be read: go on with the defaults. */
    fun forgetUnreadable()

    suspend fun setFirstRunDone(): AppSettings

    suspend fun setLanguage(language: LanguageSetting): AppSettings

    suspend fun setPhotoSize(size: PhotoSize): AppSettings

    suspend fun setPhotosOnlyOnWifi(on: Boolean): AppSettings

    fun languageChoices(): List<SettingChoice<LanguageSetting>>

    fun photoSizeChoices(): List<SettingChoice<PhotoSize>>
}

/** [SettingsRepository] over the core's `preferences`; calls run on [io]. */
class CoreSettingsRepository(
    private val core: () -> IhanoiCore,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) : SettingsRepository {
    private val current = MutableStateFlow<AppSettings?>(null)
    override val settings: StateFlow<AppSettings?> = current.asStateFlow()

    override suspend fun load() = remember { core().preferences() }

    override fun forgetUnreadable() {
        current.value = AppSettings()
    }

    override suspend fun setFirstRunDone() = change(PreferenceChange.FirstRunDone(true))

    override suspend fun setLanguage(language: LanguageSetting) =
        change(PreferenceChange.Language(language.toCore()))

    override suspend fun setPhotoSize(size: PhotoSize) =
        change(PreferenceChange.PhotoSize(size.toCore()))

    override suspend fun setPhotosOnlyOnWifi(on: Boolean) =
        change(PreferenceChange.PhotosOnlyOnWifi(on))

    override fun languageChoices() =
        languageOptions().map { SettingChoice(it.choice.toSetting(), it.label.words()) }

    override fun photoSizeChoices() =
        photoSizeOptions().map {
            SettingChoice(it.preset.toSetting(), it.label.words(), it.hint.words())
        }

    private suspend fun change(change: PreferenceChange) = remember { core().setPreference(change) }

    private suspend fun remember(read: () -> Preferences): AppSettings =
        coreCall(io) { read().toSettings() }.also { current.value = it }
}

private fun Preferences.toSettings() =
    AppSettings(firstRunDone, language.toSetting(), photoSize.toSetting(), photosOnlyOnWifi)

private fun LanguageChoice.toSetting() =
    when (this) {
        LanguageChoice.SYSTEM -> LanguageSetting.SYSTEM
        LanguageChoice.VI -> LanguageSetting.VI
        LanguageChoice.EN -> LanguageSetting.EN
    }

private fun LanguageSetting.toCore() =
    when (this) {
        LanguageSetting.SYSTEM -> LanguageChoice.SYSTEM
        LanguageSetting.VI -> LanguageChoice.VI
        LanguageSetting.EN -> LanguageChoice.EN
    }

private fun SizePreset.toSetting() =
    when (this) {
        SizePreset.SMALL -> PhotoSize.SMALL
        SizePreset.STANDARD -> PhotoSize.STANDARD
        SizePreset.LARGE -> PhotoSize.LARGE
    }

internal fun PhotoSize.toCore() =
    when (this) {
        PhotoSize.SMALL -> SizePreset.SMALL
        PhotoSize.STANDARD -> SizePreset.STANDARD
        PhotoSize.LARGE -> SizePreset.LARGE
    }
