import IhanoiKit
import SwiftUI

struct SettingsView: View {
    let model: SettingsModel

    var body: some View {
        Form {
            Section(model.languageTitle) {
                ForEach(model.languageChoices) { choice in
                    Button(choice.label) { model.chooseLanguage(choice.value) }
                        .accessibilityAddTraits(choice.selected ? .isSelected : [])
                }
            }
            Section(model.photoSizeTitle) {
                ForEach(model.photoSizeChoices) { choice in
                    Button(choice.label) { model.choosePhotoSize(choice.value) }
                        .accessibilityAddTraits(choice.selected ? .isSelected : [])
                }
                Toggle(
                    model.photosOnlyOnWifiTitle,
                    isOn: Binding(get: { model.photosOnlyOnWifi }, set: model.setPhotosOnlyOnWifi))
            }
            Section {
                Button(model.signOutTitle, role: .destructive) { Task { await model.signOut() } }
                    .disabled(!model.canSignOut)
                Text(model.signOutNote).font(.footnote)
            }
            Section(model.deviceCheckTitle) {
                Button(model.runCheckTitle) { Task { await model.runDeviceCheck() } }.disabled(model.isChecking)
                ForEach(model.checkRows) { check in
                    VStack(alignment: .leading) {
                        Text(check.label)
                        if !check.action.isEmpty { Text(check.action).font(.footnote) }
                    }
                }
            }
            Section(model.aboutTitle) {
                Text(model.versionText)
                ForEach(model.licences, id: \.self) { Text($0).font(.footnote) }
            }
            if let problem = model.problem { Text(problem).foregroundStyle(.red) }
        }
        .navigationTitle(model.title)
    }
}
