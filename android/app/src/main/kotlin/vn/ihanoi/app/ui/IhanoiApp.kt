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
import vn.ihanoi.app.ui.home.HomeRoute
import vn.ihanoi.app.ui.home.HomeViewModel
import vn.ihanoi.app.ui.report.ReportDetailRoute
import vn.ihanoi.app.ui.report.ReportDetailViewModel

/** Where the app is. Saved across process death as a string ("report:<id>"). */
private fun parse(route: String): Pair<String, String?> =
    route.substringBefore(':') to route.substringAfter(':', "").ifEmpty { null }

/**
 * The app's screens and how one leads to another: a saved route string, no navigation library (four
 * destinations; the system back returns home).
 */
@Composable
fun IhanoiApp(container: AppContainer, appVersion: String) {
    var route by rememberSaveable { mutableStateOf("home") }
    val home = { route = "home" }
    val (screen, argument) = parse(route)
    if (screen != "home") BackHandler(onBack = home)
    when (screen) {
        "report" -> {
            val id = requireNotNull(argument)
            val model =
                viewModel(key = route) { ReportDetailViewModel(id, container.reportDetails) }
            ReportDetailRoute(model, onBack = home)
        }
        "alerts" -> AlertsRoute(viewModel { AlertsViewModel(container.info) }, onBack = home)
        "check" ->
            DeviceCheckRoute(
                viewModel { DeviceCheckViewModel(container.deviceCheck) },
                onBack = home,
            )
        "about" ->
            AboutRoute(
                viewModel { AboutViewModel(appVersion, container.info) },
                onBack = home,
                onOpenCheck = { route = "check" },
            )
        else ->
            HomeRoute(
                viewModel { HomeViewModel(container.reports) },
                onOpenReport = { route = "report:$it" },
                onOpenAlerts = { route = "alerts" },
                onOpenAbout = { route = "about" },
            )
    }
}
