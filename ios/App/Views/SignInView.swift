import IhanoiKit
import SwiftUI

struct SignInView: View {
    @Bindable var model: SignInModel

    var body: some View {
        Form {
            TextField(model.phoneLabel, text: $model.phone).keyboardType(.phonePad).textContentType(.telephoneNumber)
            Button(model.sendCodeTitle) { Task { await model.sendCode() } }.disabled(!model.canSendCode)
            if case .code = model.step {
                TextField(model.codeLabel, text: $model.code).keyboardType(.numberPad).textContentType(.oneTimeCode)
                Button(model.signInTitle) { Task { await model.signIn() } }.disabled(!model.canSignIn)
            }
            if let problem = model.problem { Text(problem).foregroundStyle(.red) }
        }
        .navigationTitle(model.title)
    }
}
