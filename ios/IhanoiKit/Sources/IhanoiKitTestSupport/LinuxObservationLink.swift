// Swift 6.0's Observation library on Linux references swift::threading::fatal, which its
// runtime does not export (swiftlang/swift#75670, fixed in 6.2): a test binary using
// @Observable fails to link without this definition. Test support only: the app links on Apple
// platforms, where the symbol exists.
#if os(Linux) && compiler(<6.2)
    @_cdecl("_ZN5swift9threading5fatalEPKcz")
    public func swiftThreadingFatal() -> Never {
        fatalError("swift::threading::fatal")
    }
#endif
