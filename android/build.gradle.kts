// The Android Studio project. AGP 9 compiles Kotlin itself (built-in Kotlin); the Compose
// compiler plugin brings the Kotlin version the checks here use (libs.versions.toml).
plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.kotlin.compose) apply false
    alias(libs.plugins.roborazzi) apply false
}
