import IhanoiKit
import SwiftUI

/// Sign-in with phone and code; on a city server without sign-in, the optional personal fields.
struct SignInView: View {
    @Bindable var model: SignInModel

    var body: some View {
        Form {
            switch model.mode {
            case .signIn:
                TextField(model.phoneLabel, text: $model.phone).keyboardType(.phonePad).textContentType(
                    .telephoneNumber)
                Button(model.sendCodeTitle) { Task { await model.sendCode() } }.disabled(!model.canSendCode)
                if case .code = model.step {
                    TextField(model.codeLabel, text: $model.code).keyboardType(.numberPad).textContentType(
                        .oneTimeCode)
                    Button(model.signInTitle) { Task { await model.signIn() } }.disabled(!model.canSignIn)
                }
            case .contactFields:
                Section {
                    TextField(model.emailLabel, text: $model.email).keyboardType(.emailAddress).textContentType(
                        .emailAddress
                    ).textInputAutocapitalization(.never)
                    TextField(model.firstNameLabel, text: $model.firstName).textContentType(.givenName)
                    TextField(model.lastNameLabel, text: $model.lastName).textContentType(.familyName)
                    TextField(model.contactPhoneLabel, text: $model.contactPhone).keyboardType(.phonePad)
                        .textContentType(.telephoneNumber)
                } footer: {
                    Text(model.contactNote)
                }
                Button(model.saveTitle) { model.saveContact() }.disabled(!model.canSave)
                if let saved = model.savedText { Text(saved) }
            }
            if let problem = model.problem { Text(problem).foregroundStyle(.red) }
        }
        .navigationTitle(model.title)
        .task { await model.load() }
    }
}
