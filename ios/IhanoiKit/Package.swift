// swift-tools-version:6.0
// IhanoiKit: everything below the SwiftUI views of the iOS app, buildable and testable on Linux.
//
// - IhanoiCoreFFI: the C side of the Rust library. On Apple platforms the XCFramework that
//   ios/scripts/build-xcframework.sh writes (static library, headers, module map); elsewhere a
//   system library target whose header and module map ios/scripts/generate-bindings.sh writes
//   from the Linux build of libihanoi_ffi (the linker is told where with -Xlinker -L).
// - IhanoiCore: the Swift uniffi generates from the same library (both files of the one module).
// - IhanoiKit: the app's state, one @MainActor @Observable model per screen, and the protocols
//   the app's platform adapters implement.
// - IhanoiKitTestSupport: those protocols implemented for tests (memory, fixed, recording).
import PackageDescription

#if os(Linux)
    let coreFFI = Target.systemLibrary(name: "IhanoiCoreFFI", path: "Sources/IhanoiCoreFFI")
#else
    let coreFFI = Target.binaryTarget(name: "IhanoiCoreFFI", path: "../build/IhanoiCoreFFI.xcframework")
#endif

let package = Package(
    name: "IhanoiKit",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "IhanoiKit", targets: ["IhanoiKit"])
    ],
    targets: [
        coreFFI,
        .target(name: "IhanoiCore", dependencies: ["IhanoiCoreFFI"], exclude: ["README.md"]),
        .target(name: "IhanoiKit", dependencies: ["IhanoiCore"]),
        .target(name: "IhanoiKitTestSupport", dependencies: ["IhanoiKit", "IhanoiCore"]),
        .testTarget(
            name: "IhanoiKitTests", dependencies: ["IhanoiKit", "IhanoiKitTestSupport", "IhanoiCore"]),
    ],
    swiftLanguageModes: [.v6]
)
