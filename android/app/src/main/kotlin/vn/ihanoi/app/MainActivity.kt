package vn.ihanoi.app

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import vn.ihanoi.app.ui.IhanoiApp
import vn.ihanoi.app.ui.theme.IhanoiTheme

/** The one activity: Compose screens over the core. */
class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        val container = (application as IhanoiApplication).container
        val version = packageManager.getPackageInfo(packageName, 0).versionName ?: "?"
        setContent { IhanoiTheme { IhanoiApp(container, version) } }
    }
}
