package vn.ihanoi.app

import android.app.Application
import android.os.Build
import androidx.work.Configuration
import kotlin.concurrent.thread

/**
 * Holds the [AppContainer] for the app's life (one core per process) and configures WorkManager
 * with the app's worker factory (the manifest removes its default initializer).
 */
class IhanoiApplication : Application(), Configuration.Provider {
    val container: AppContainer by lazy { AppContainer(this) }

    override val workManagerConfiguration: Configuration
        get() = Configuration.Builder().setWorkerFactory(container.workerFactory).build()

    override fun onCreate() {
        super.onCreate()
        // Local tests (Robolectric) open their own core on a temporary folder and start what they
        // test themselves; a second core on the same process's files would race them.
        if (Build.FINGERPRINT == "robolectric") return
        // Opening the core migrates its database: never on the main thread.
        thread(name = "ihanoi-start", isDaemon = true) { container.startBackground() }
    }
}
