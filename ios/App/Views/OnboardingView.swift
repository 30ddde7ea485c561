import IhanoiKit
import SwiftUI

struct OnboardingView: View {
    let model: OnboardingModel

    var body: some View {
        VStack(spacing: 24) {
            Text(model.title).font(.largeTitle.bold()).multilineTextAlignment(.center)
            Text(model.body).font(.body).multilineTextAlignment(.center)
            Button(model.actionTitle) { model.next() }
                .buttonStyle(.borderedProminent)
                .controlSize(.large)
        }
        .padding()
    }
}
