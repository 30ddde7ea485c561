package vn.ihanoi.app

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.lifecycle.ViewModelProvider
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import vn.ihanoi.app.ui.home.HomeRoute
import vn.ihanoi.app.ui.home.HomeViewModel
import vn.ihanoi.app.ui.theme.IhanoiTheme

/** The one activity: Compose screens over the core. */
class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        val container = (application as IhanoiApplication).container
        val home =
            ViewModelProvider(
                this,
                viewModelFactory { initializer { HomeViewModel(container.reports) } },
            )[HomeViewModel::class.java]
        setContent {
            IhanoiTheme {
                // The report screens come next; until then a tap on a report stays on home.
                HomeRoute(viewModel = home, onOpenReport = {})
            }
        }
    }
}
