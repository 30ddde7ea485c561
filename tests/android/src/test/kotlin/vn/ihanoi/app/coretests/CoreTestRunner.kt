package vn.ihanoi.app.coretests

import org.junit.runners.model.FrameworkMethod
import org.robolectric.RobolectricTestRunner
import org.robolectric.internal.bytecode.InstrumentationConfiguration

/**
 * Robolectric's runner, but the generated bindings (package vn.ihanoi.core and any namespace under
 * it) are loaded once, by the ordinary class loader, outside the sandboxes.
 *
 * Robolectric makes one class loader per configuration (SDK, graphics mode, ...) and would load the
 * bindings again in each; every copy registers its callback tables (the SecretStore's vtable) in
 * the one Rust library, and after a test in a second configuration Rust calls the first copy's
 * handles: `UniffiHandleMap.get: Invalid handle`. `doNotAcquireClass` is needed as well:
 * Robolectric 4.17's InstrumentationConfiguration.equals ignores the packages not to acquire, so
 * without it a cached sandbox would be reused.
 */
class CoreTestRunner(testClass: Class<*>) : RobolectricTestRunner(testClass) {
    override fun createClassLoaderConfig(method: FrameworkMethod): InstrumentationConfiguration =
        InstrumentationConfiguration.Builder(super.createClassLoaderConfig(method))
            .doNotAcquirePackage("vn.ihanoi.core")
            .doNotAcquireClass("vn.ihanoi.core.IhanoiCore")
            .build()
}
