package vn.ihanoi.app.ui

import androidx.activity.compose.BackHandler
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.lifecycle.viewmodel.compose.viewModel
import vn.ihanoi.app.AppContainer
import vn.ihanoi.app.ui.about.AboutRoute
import vn.ihanoi.app.ui.about.AboutViewModel
import vn.ihanoi.app.ui.alerts.AlertsRoute
import vn.ihanoi.app.ui.alerts.AlertsViewModel
import vn.ihanoi.app.ui.devicecheck.DeviceCheckRoute
import vn.ihanoi.app.ui.devicecheck.DeviceCheckViewModel
import vn.ihanoi.app.ui.firstrun.FirstRunScreen
import vn.ihanoi.app.ui.home.HomeRoute
import vn.ihanoi.app.ui.home.HomeViewModel
import vn.ihanoi.app.ui.newreport.NewReportRoute
import vn.ihanoi.app.ui.newreport.NewReportViewModel
import vn.ihanoi.app.ui.report.ReportDetailRoute
import vn.ihanoi.app.ui.report.ReportDetailViewModel
import vn.ihanoi.app.ui.settings.SettingsRoute
import vn.ihanoi.app.ui.settings.SettingsViewModel
import vn.ihanoi.app.ui.signin.SignInRoute
import vn.ihanoi.app.ui.signin.SignInViewModel

/** Where the app is, as saved across process death: "home", "report:<id>", "new:<id>", … */
data class Route(val screen: String, val argument: String? = null) {
    override fun toString() = if (argument == null) screen else "$screen:$argument"

    companion object {
        val HOME = Route("home")

        fun parse(saved: String) =
            Route(saved.substringBefore(':'), saved.substringAfter(':', "").ifEmpty { null })
    }
}

/**
 * The app's screens and how one leads to another: a saved route string, no navigation library (a
 * handful of destinations; the system back returns home). [start] is where a fresh start opens.
 */
@Composable
fun IhanoiApp(container: AppContainer, appVersion: String, start: Route = Route.HOME) {
    var saved by rememberSaveable {
        mutableStateOf(if (container.firstRun.done) start.toString() else "welcome")
    }
    val route = Route.parse(saved)
    val go = { to: Route -> saved = to.toString() }
    val home = { go(Route.HOME) }
    // Back from any screen returns home (from the first-run screen it leaves the app).
    if (route != Route.HOME && route.screen != "welcome") BackHandler(onBack = home)
    when (route.screen) {
        "welcome" ->
            FirstRunScreen(
                onStart = {
                    container.firstRun.markDone()
                    home()
                }
            )
        "report" -> {
            val id = requireNotNull(route.argument)
            val model =
                viewModel(key = saved) { ReportDetailViewModel(id, container.reportDetails) }
            ReportDetailRoute(model, onBack = home)
        }
        "new" -> {
            val id = requireNotNull(route.argument)
            val model = viewModel(key = saved) { NewReportViewModel(id, container.newReports()) }
            NewReportRoute(model, onClose = home, onQueued = { go(Route("report", id)) })
        }
        "alerts" -> AlertsRoute(viewModel { AlertsViewModel(container.info) }, onBack = home)
        "check" ->
            DeviceCheckRoute(
                viewModel { DeviceCheckViewModel(container.deviceCheck) },
                onBack = home,
            )
        "settings" ->
            SettingsRoute(
                viewModel(key = saved) { SettingsViewModel(container.account) },
                onBack = home,
                onSignIn = { go(Route("signin")) },
                onOpenAbout = { go(Route("about")) },
            )
        "signin" ->
            SignInRoute(
                viewModel { SignInViewModel(container.account) },
                onBack = { go(Route("settings")) },
                onSignedIn = { go(Route("settings")) },
            )
        "about" ->
            AboutRoute(
                viewModel { AboutViewModel(appVersion, container.info) },
                onBack = home,
                onOpenCheck = { go(Route("check")) },
            )
        else ->
            HomeRoute(
                viewModel { HomeViewModel(container.reports) },
                onOpenReport = { go(Route("report", it)) },
                onNewReport = { go(Route("new", it)) },
                onOpenDraft = { go(Route("new", it)) },
                onOpenAlerts = { go(Route("alerts")) },
                onOpenSettings = { go(Route("settings")) },
            )
    }
}
