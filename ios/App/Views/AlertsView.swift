import IhanoiKit
import SwiftUI

struct AlertsView: View {
    let model: AlertsModel

    var body: some View {
        List {
            if let empty = model.emptyText { Text(empty).foregroundStyle(.secondary) }
            ForEach(model.rows) { alert in
                VStack(alignment: .leading, spacing: 4) {
                    Text(alert.severityLabel).font(.caption.bold())
                        .foregroundStyle(alert.severity == .danger ? .red : .orange)
                    Text(alert.title).font(alert.unread ? .headline : .body)
                    Text(alert.body)
                    Text(alert.time).font(.caption)
                }
                .onAppear { if alert.unread { model.markRead(alert.id) } }
            }
        }
        .navigationTitle(model.title)
        .toolbar {
            Button(model.markAllReadTitle) { model.markAllRead() }.disabled(!model.canMarkAllRead)
        }
        .onAppear { model.reload() }
    }
}
