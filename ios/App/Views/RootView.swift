import IhanoiKit
import SwiftUI

/// First run, then the tabs: my reports, alerts, settings.
struct RootView: View {
    @Bindable var app: AppModel
    @State private var onboarding: OnboardingModel?

    var body: some View {
        if app.needsOnboarding {
            OnboardingView(model: onboarding ?? app.onboarding())
                .onAppear { onboarding = onboarding ?? app.onboarding() }
        } else {
            TabView(selection: $app.tab) {
                NavigationStack { HomeView(app: app, model: app.home) }
                    .tabItem { Label(app.home.title, systemImage: "list.bullet") }
                    .tag(AppModel.Tab.reports)
                NavigationStack { AlertsView(model: app.alerts) }
                    .tabItem { Label(app.alerts.title, systemImage: "exclamationmark.bubble") }
                    .badge(Int(app.counts.unreadAlerts))
                    .tag(AppModel.Tab.alerts)
                NavigationStack { SettingsView(model: app.settings) }
                    .tabItem { Label(app.settings.title, systemImage: "gearshape") }
                    .tag(AppModel.Tab.settings)
            }
            // The report a tapped notification opened.
            .sheet(item: Binding(get: { app.openedReport }, set: { if $0 == nil { app.closeOpenedReport() } })) {
                detail in
                NavigationStack { ReportDetailView(model: detail) }
            }
        }
    }
}
