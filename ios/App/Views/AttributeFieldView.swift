import IhanoiKit
import SwiftUI

/// One question of the category's form: the control its kind names, the city's help under it and
/// the core's problem in red. Every answer is saved by the model as it is given.
struct AttributeFieldView: View {
    let field: AttributeField
    let model: NewReportModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            control
            if let help = field.help { Text(help).font(.footnote).foregroundStyle(.secondary) }
            if let problem = field.problem { Text(problem).font(.footnote).foregroundStyle(.red) }
        }
        .accessibilityElement(children: .contain)
        .accessibilityLabel(field.accessibilityLabel)
    }

    @ViewBuilder private var control: some View {
        switch field.kind {
        case .information:
            Text(field.label).font(.callout)
        case .line, .number:
            LabeledContent(field.title) {
                TextField(field.label, text: text).keyboardType(field.kind == .number ? .decimalPad : .default)
            }
        case .text:
            TextField(field.title, text: text, axis: .vertical)
        case .dateTime:
            DatePicker(
                field.title,
                selection: Binding(get: { field.date ?? Date() }, set: { model.setAttribute(field.id, date: $0) }))
        case .oneOf:
            Picker(
                field.title, selection: Binding(get: { field.value }, set: { model.setAttribute(field.id, value: $0) })
            ) {
                ForEach(field.options) { Text($0.label).tag($0.value) }
            }
        case .anyOf:
            Text(field.title)
            ForEach(field.options) { option in
                Toggle(
                    option.label,
                    isOn: Binding(
                        get: { option.selected }, set: { _ in model.toggleAttribute(field.id, key: option.value) }))
            }
        }
    }

    private var text: Binding<String> {
        Binding(get: { field.value }, set: { model.setAttribute(field.id, value: $0) })
    }
}
