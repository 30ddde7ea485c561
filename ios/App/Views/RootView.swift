import IhanoiKit
import SwiftUI

/// First run, then the tabs: my reports, alerts, settings.
struct RootView: View {
    let app: AppModel
    @State private var onboarding: OnboardingModel?

    var body: some View {
        if app.needsOnboarding {
            OnboardingView(model: onboarding ?? app.onboarding())
                .onAppear { onboarding = onboarding ?? app.onboarding() }
        } else {
            TabView {
                NavigationStack { HomeView(app: app, model: app.home) }
                    .tabItem { Label(app.home.title, systemImage: "list.bullet") }
                NavigationStack { AlertsView(model: app.alerts) }
                    .tabItem { Label(app.alerts.title, systemImage: "exclamationmark.bubble") }
                    .badge(Int(app.counts.unreadAlerts))
                NavigationStack { SettingsView(model: app.settings) }
                    .tabItem { Label(app.settings.title, systemImage: "gearshape") }
            }
        }
    }
}
