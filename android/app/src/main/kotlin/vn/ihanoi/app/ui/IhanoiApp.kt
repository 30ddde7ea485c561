package vn.ihanoi.app.ui

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.launch
import vn.ihanoi.app.AppContainer
import vn.ihanoi.app.data.CoreRefusal
import vn.ihanoi.app.platform.AppPermission
import vn.ihanoi.app.ui.about.AboutRoute
import vn.ihanoi.app.ui.about.AboutViewModel
import vn.ihanoi.app.ui.alerts.AlertsRoute
import vn.ihanoi.app.ui.alerts.AlertsViewModel
import vn.ihanoi.app.ui.common.AppLanguage
import vn.ihanoi.app.ui.common.PermissionPrompts
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
 * handful of destinations; the system back returns home). [start] is where a fresh start opens once
 * the core's settings are read (the first-run screen until it was gone through). A report id in
 * [openReport] (a tapped notification) opens that report's screen, then is cleared.
 */
@Composable
fun IhanoiApp(
    container: AppContainer,
    appVersion: String,
    start: Route = Route.HOME,
    openReport: MutableStateFlow<String?>? = null,
) {
    val settings by container.settings.settings.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(Unit) {
        if (container.settings.settings.value == null) {
            try {
                container.settings.load()
            } catch (_: CoreRefusal) {
                // The store cannot be read: the defaults (first run shown again) rather than none.
                container.settings.forgetUnreadable()
            }
        }
    }
    val loaded = settings ?: return
    AppLanguage(loaded.language) {
        Box(Modifier.fillMaxSize()) {
            Destinations(container, appVersion, start, loaded.firstRunDone, openReport, scope)
            PermissionPrompts(container.permissions)
        }
    }
}

@Composable
private fun Destinations(
    container: AppContainer,
    appVersion: String,
    start: Route,
    firstRunDone: Boolean,
    openReport: MutableStateFlow<String?>?,
    scope: CoroutineScope,
) {
    var saved by rememberSaveable {
        mutableStateOf(if (firstRunDone) start.toString() else "welcome")
    }
    val route = Route.parse(saved)
    val go = { to: Route -> saved = to.toString() }
    val home = { go(Route.HOME) }
    val requested = openReport?.collectAsStateWithLifecycle()?.value
    LaunchedEffect(requested) {
        if (requested != null) {
            go(Route("report", requested))
            openReport.value = null
        }
    }
    // Back from any screen returns home (from the first-run screen it leaves the app).
    if (route != Route.HOME && route.screen != "welcome") BackHandler(onBack = home)
    when (route.screen) {
        "welcome" ->
            FirstRunScreen(
                onStart = {
                    scope.launch {
                        try {
                            container.settings.setFirstRunDone()
                        } catch (_: CoreRefusal) {
                            // Not kept: shown again next time, nothing else is lost.
                        }
                        home()
                    }
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
            NewReportRoute(
                model,
                onClose = home,
                onQueued = {
                    go(Route("report", id))
                    // Now there is a reply to wait for: the moment notifications make sense.
                    scope.launch { container.permissions.offer(AppPermission.NOTIFICATIONS) }
                },
            )
        }
        "alerts" -> AlertsRoute(viewModel { AlertsViewModel(container.info) }, onBack = home)
        "check" ->
            DeviceCheckRoute(
                viewModel { DeviceCheckViewModel(container.deviceCheck) },
                onBack = home,
            )
        "settings" ->
            SettingsRoute(
                viewModel(key = saved) { SettingsViewModel(container.account, container.settings) },
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
