import javax.inject.Inject
import org.gradle.api.DefaultTask
import org.gradle.api.file.DirectoryProperty
import org.gradle.api.provider.ListProperty
import org.gradle.api.provider.Property
import org.gradle.api.tasks.Input
import org.gradle.api.tasks.OutputDirectory
import org.gradle.api.tasks.TaskAction
import org.gradle.process.ExecOperations

plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.compose)
    alias(libs.plugins.roborazzi)
}

android {
    namespace = "vn.ihanoi.app"
    compileSdk = 36

    defaultConfig {
        applicationId = "vn.ihanoi.app"
        // Android 7.0: the phones residents actually carry (README, "Android app").
        minSdk = 24
        targetSdk = 36
        versionCode = 1
        versionName = "0.1.0"
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            proguardFiles(
                getDefaultProguardFile("proguard-android-optimize.txt"),
                "proguard-rules.pro",
            )
            // Debug-signed until the city's release key exists.
            signingConfig = signingConfigs.getByName("debug")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    buildFeatures { compose = true }

    testOptions {
        // Robolectric reads the merged resources and manifest (test_config.properties).
        unitTests.isIncludeAndroidResources = true
    }
}

kotlin { jvmToolchain(17) }

// ---- The Rust core: libihanoi_ffi.so per ABI (cargo-ndk) and its Kotlin bindings ----

val repoRoot: File = rootDir.parentFile
val rustAbis = listOf("arm64-v8a", "armeabi-v7a", "x86_64")

/** `cargo ndk` builds the FFI crate for each ABI into a jniLibs-shaped folder. */
abstract class CargoNdkTask : DefaultTask() {
    @get:Inject abstract val exec: ExecOperations

    @get:Input abstract val repo: Property<String>

    @get:Input abstract val abis: ListProperty<String>

    @get:Input abstract val release: Property<Boolean>

    @get:OutputDirectory abstract val outputDir: DirectoryProperty

    @TaskAction
    fun build() {
        exec.exec {
            workingDir(repo.get())
            commandLine(
                buildList {
                    add("cargo")
                    add("ndk")
                    abis.get().forEach {
                        add("-t")
                        add(it)
                    }
                    add("--platform")
                    add("24")
                    add("-o")
                    add(outputDir.get().asFile.path)
                    add("build")
                    add("-p")
                    add("ihanoi-ffi")
                    if (release.get()) add("--release")
                }
            )
        }
    }
}

/** uniffi-bindgen in library mode, with android = true (android/uniffi-android.toml). */
abstract class BindgenTask : DefaultTask() {
    @get:Inject abstract val exec: ExecOperations

    @get:Input abstract val repo: Property<String>

    @get:Input abstract val library: Property<String>

    @get:OutputDirectory abstract val outputDir: DirectoryProperty

    @TaskAction
    fun generate() {
        outputDir.get().asFile.deleteRecursively()
        exec.exec {
            workingDir(repo.get())
            commandLine(
                "cargo",
                "run",
                "--quiet",
                "-p",
                "uniffi-bindgen",
                "--",
                "generate",
                "--library",
                library.get(),
                "--language",
                "kotlin",
                "--config",
                "android/uniffi-android.toml",
                "--no-format",
                "--out-dir",
                outputDir.get().asFile.path,
            )
        }
    }
}

androidComponents {
    onVariants { variant ->
        val name = variant.name.replaceFirstChar { it.uppercase() }
        val release = variant.buildType == "release"
        val cargoNdk =
            tasks.register<CargoNdkTask>("cargoNdk$name") {
                repo.set(repoRoot.path)
                abis.set(rustAbis)
                this.release.set(release)
                outputDir.set(layout.buildDirectory.dir("rust/jniLibs/${variant.name}"))
            }
        val bindgen =
            tasks.register<BindgenTask>("uniffiBindings$name") {
                repo.set(repoRoot.path)
                val jni = cargoNdk.flatMap { it.outputDir }
                library.set(jni.map { it.file("arm64-v8a/libihanoi_ffi.so").asFile.path })
                dependsOn(cargoNdk)
                outputDir.set(layout.buildDirectory.dir("generated/uniffi/${variant.name}"))
            }
        variant.sources.jniLibs?.addGeneratedSourceDirectory(cargoNdk, CargoNdkTask::outputDir)
        variant.sources.kotlin?.addGeneratedSourceDirectory(bindgen, BindgenTask::outputDir)
    }
}

dependencies {
    implementation(platform(libs.androidx.compose.bom))
    implementation(libs.androidx.core.ktx)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.runtime.compose)
    implementation(libs.androidx.lifecycle.viewmodel.compose)
    implementation(libs.androidx.compose.runtime)
    implementation(libs.androidx.compose.ui)
    implementation(libs.androidx.compose.ui.tooling.preview)
    implementation(libs.androidx.compose.foundation)
    implementation(libs.androidx.compose.material3)
    implementation(libs.kotlinx.coroutines.android)
    implementation(libs.androidx.work.runtime)
    // The Android flavour of JNA (its native dispatch library per ABI).
    implementation(libs.jna) { artifact { type = "aar" } }
    debugImplementation(libs.androidx.compose.ui.tooling)
    debugImplementation(libs.androidx.compose.ui.test.manifest)

    testImplementation(platform(libs.androidx.compose.bom))
    testImplementation(libs.junit)
    testImplementation(libs.kotlinx.coroutines.test)
    testImplementation(libs.androidx.compose.ui.test.junit4)
    testImplementation(libs.androidx.test.core)
    testImplementation(libs.androidx.test.ext.junit)
    testImplementation(libs.robolectric)
    testImplementation(libs.androidx.work.testing)
    testImplementation(libs.roborazzi)
    testImplementation(libs.roborazzi.compose)
}

// The golden images live in src/test/screenshots, passed as tests/android/pom.xml does.
tasks.withType<Test>().configureEach {
    systemProperty("ihanoi.screenshots", file("src/test/screenshots").path)
}
