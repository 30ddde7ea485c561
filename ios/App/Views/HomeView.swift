import IhanoiKit
import SwiftUI

struct HomeView: View {
    let app: AppModel
    let model: HomeModel
    @State private var newReport: NewReportModel?
    @State private var signIn: SignInModel?

    var body: some View {
        List {
            Section {
                if let progress = model.sendProgress { ProgressView(value: progress) }
                if let outbox = model.outboxText { Text(outbox).font(.callout) }
            }
            if let empty = model.emptyText {
                Text(empty).foregroundStyle(.secondary)
            }
            ForEach(model.rows) { row in
                NavigationLink(value: row.id) {
                    ReportRowView(row: row)
                }
                .accessibilityLabel(row.accessibilityLabel)
            }
        }
        .navigationTitle(model.title)
        .navigationDestination(for: String.self) { id in
            ReportDetailView(model: app.detail(reportId: id))
        }
        .toolbar {
            if let prompt = app.signInPrompt {
                Button(prompt) { signIn = app.signIn() }
            }
            Button(model.newReportTitle, systemImage: "plus") { newReport = try? app.newReport() }
        }
        .sheet(item: $signIn) { model in
            NavigationStack { SignInView(model: model) }
        }
        .sheet(item: $newReport) { report in
            NavigationStack { NewReportView(model: report, settings: app.settings) }
        }
        .refreshable { _ = try? await app.runInBackground() }
    }
}

struct ReportRowView: View {
    let row: ReportRow

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(row.title).font(.headline)
                if row.unread > 0 {
                    Text(row.unread, format: .number).font(.caption.bold()).padding(4).background(.red, in: Capsule())
                }
            }
            Text(row.stateLabel).font(.subheadline)
            if let attention = row.attention { Text(attention).font(.footnote).foregroundStyle(.orange) }
        }
    }
}
