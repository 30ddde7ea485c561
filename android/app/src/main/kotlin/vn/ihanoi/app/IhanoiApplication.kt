package vn.ihanoi.app

import android.app.Application

/** Holds the [AppContainer] for the app's life (one core per process). */
class IhanoiApplication : Application() {
    val container: AppContainer by lazy { AppContainer(this) }
}
