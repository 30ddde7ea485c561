import IhanoiKit
import SwiftUI

/// The pin over the ward outlines around it, drawn from the core's boundary data: works with no
/// network. A tap puts the pin there. The drawing (what goes where) is the model's; this view
/// only strokes it in the system's colours, which follow dark mode.
struct PinMapView: View {
    let model: PinMapModel
    @ScaledMetric private var height: CGFloat = 280
    @ScaledMetric private var pinSize: CGFloat = 14

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            GeometryReader { geometry in
                let size = geometry.size
                let drawing = model.drawing(width: size.width, height: size.height)
                Canvas { context, _ in
                    for ward in drawing.wards {
                        var path = Path()
                        for ring in ward.rings where ring.count > 2 {
                            path.addLines(ring.map { CGPoint(x: $0.x, y: $0.y) })
                            path.closeSubpath()
                        }
                        if ward.holdsPin {
                            context.fill(path, with: .color(.accentColor.opacity(0.12)), style: FillStyle(eoFill: true))
                        }
                        context.stroke(
                            path, with: .color(ward.holdsPin ? .accentColor : .secondary),
                            lineWidth: ward.holdsPin ? 2 : 1)
                    }
                    for ward in drawing.wards {
                        guard let at = ward.labelAt else { continue }
                        context.draw(
                            Text(ward.name).font(.caption2).foregroundStyle(.secondary), at: CGPoint(x: at.x, y: at.y))
                    }
                    if let pin = drawing.pin {
                        let dot = CGRect(
                            x: pin.x - pinSize / 2, y: pin.y - pinSize / 2, width: pinSize, height: pinSize)
                        context.fill(Path(ellipseIn: dot), with: .color(.red))
                        context.stroke(Path(ellipseIn: dot), with: .color(.primary), lineWidth: 2)
                    }
                }
                .contentShape(Rectangle())
                .onTapGesture { location in
                    model.placePin(atX: location.x, y: location.y, width: size.width, height: size.height)
                }
            }
            .frame(height: height)
            .background(Color(uiColor: .secondarySystemBackground))
            .clipShape(RoundedRectangle(cornerRadius: 8))
            .accessibilityElement()
            .accessibilityLabel(model.accessibilityLabel)
            .accessibilityHint(model.hint)
            HStack {
                Button(model.zoomOutTitle, systemImage: "minus.magnifyingglass", action: model.zoomOut)
                    .disabled(!model.canZoomOut)
                Spacer()
                Button(model.zoomInTitle, systemImage: "plus.magnifyingglass", action: model.zoomIn)
                    .disabled(!model.canZoomIn)
            }
            .labelStyle(.iconOnly)
            .buttonStyle(.bordered)
            Text(model.hint).font(.footnote).foregroundStyle(.secondary)
            if let note = model.note { Text(note).font(.footnote) }
        }
    }
}
