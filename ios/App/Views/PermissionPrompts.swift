import IhanoiKit
import SwiftUI

extension View {
    /// The app's reason before a system prompt (a sheet: "Allow" / "Not now"; swiping it away is
    /// "not now"), and the note on a permission refused earlier with a way to Settings. Attached
    /// to each screen that can ask (a sheet cannot be shown over another presenter's sheet).
    func permissionPrompts(_ model: PermissionsModel) -> some View {
        modifier(PermissionPrompts(model: model))
    }
}

private struct PermissionPrompts: ViewModifier {
    let model: PermissionsModel
    @Environment(\.openURL) private var openURL

    func body(content: Content) -> some View {
        content
            .sheet(item: Binding(get: { model.asking }, set: { if $0 == nil { model.answer(.notNow) } })) { _ in
                VStack(spacing: 24) {
                    Text(model.title ?? "").font(.title2.bold()).multilineTextAlignment(.center)
                    Text(model.reason ?? "").multilineTextAlignment(.center)
                    Button(model.allowTitle) { model.answer(.allow) }
                        .buttonStyle(.borderedProminent)
                        .controlSize(.large)
                    Button(model.notNowTitle) { model.answer(.notNow) }
                }
                .padding()
                .presentationDetents([.medium, .large])
            }
            .alert(
                model.refusedText ?? "",
                isPresented: Binding(get: { model.refused != nil }, set: { if !$0 { model.dismissRefusal() } })
            ) {
                Button(model.openSettingsTitle) {
                    if let settings = URL(string: UIApplication.openSettingsURLString) { openURL(settings) }
                }
                Button(model.closeTitle, role: .cancel) { model.dismissRefusal() }
            }
    }
}
