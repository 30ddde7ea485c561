// swift-tools-version:6.0
// IhanoiKit: everything below the SwiftUI views of the iOS app, buildable and testable on Linux.
//
// - IhanoiCoreFFI: the C side of the Rust library. For the app, the XCFramework that
//   ios/scripts/build-xcframework.sh writes into Frameworks/ (static library, headers, module map);
//   on Linux, and wherever IHANOI_FFI_SYSTEM_LIBRARY is set (tests/ios/run.sh on a Mac), a system
//   library target whose header and module map ios/scripts/generate-bindings.sh writes from the
//   host build of libihanoi_ffi (the linker is told where with -Xlinker -L).
// - IhanoiCore: the Swift uniffi generates from the same library (both files of the one module).
// - IhanoiKit: the app's state, one @MainActor @Observable model per screen, and the protocols
//   the app's platform adapters implement.
// - IhanoiKitTestSupport: those protocols implemented for tests (memory, fixed, recording).
import Foundation
import PackageDescription

#if os(Linux)
    let useSystemLibrary = true
#else
    let useSystemLibrary = ProcessInfo.processInfo.environment["IHANOI_FFI_SYSTEM_LIBRARY"] != nil
#endif
let coreFFI =
    useSystemLibrary
    ? Target.systemLibrary(name: "IhanoiCoreFFI", path: "Sources/IhanoiCoreFFI")
    : Target.binaryTarget(name: "IhanoiCoreFFI", path: "Frameworks/IhanoiCoreFFI.xcframework")

let package = Package(
    name: "IhanoiKit",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "IhanoiKit", targets: ["IhanoiKit"])
    ],
    targets: [
        coreFFI,
        .target(
            name: "IhanoiCore", dependencies: ["IhanoiCoreFFI"], exclude: ["README.md"],
            // The XCFramework holds a static Rust library: the system frameworks its crates call
            // (TLS certificate checks through security-framework, core-foundation) are linked here,
            // as rustc does not record them in a static library.
            linkerSettings: [
                .linkedFramework("Security", .when(platforms: [.iOS, .macOS])),
                .linkedFramework("CoreFoundation", .when(platforms: [.iOS, .macOS])),
            ]),
        .target(name: "IhanoiKit", dependencies: ["IhanoiCore"]),
        .target(name: "IhanoiKitTestSupport", dependencies: ["IhanoiKit", "IhanoiCore"]),
        .testTarget(
            name: "IhanoiKitTests", dependencies: ["IhanoiKit", "IhanoiKitTestSupport", "IhanoiCore"]),
    ],
    swiftLanguageModes: [.v6]
)
