package vn.ihanoi.app

import android.content.Intent
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import kotlinx.coroutines.flow.MutableStateFlow
import vn.ihanoi.app.platform.CityNotifier
import vn.ihanoi.app.ui.IhanoiApp
import vn.ihanoi.app.ui.theme.IhanoiTheme

/**
 * The one activity: Compose screens over the core. It lends the app its system screens (camera,
 * photo picker, permission prompts) and opens the report a tapped notification names.
 */
class MainActivity : ComponentActivity() {
    private val openReport = MutableStateFlow<String?>(null)

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        val container = (application as IhanoiApplication).container
        container.activityResults.attach(activityResultRegistry, this)
        // A recreated activity keeps its screen; only a new launch follows the notification.
        if (savedInstanceState == null) openReport.value = reportIdOf(intent)
        val version = packageManager.getPackageInfo(packageName, 0).versionName ?: "?"
        setContent { IhanoiTheme { IhanoiApp(container, version, openReport = openReport) } }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        reportIdOf(intent)?.let { openReport.value = it }
    }

    companion object {
        /** The report a notification's tap opens (CityNotifier puts it in the intent). */
        fun reportIdOf(intent: Intent?): String? =
            intent?.getStringExtra(CityNotifier.EXTRA_REPORT_ID)?.takeIf { it.isNotBlank() }
    }
}
