package vn.ihanoi.tests.support

import java.nio.file.Path
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.SecretStore

/**
 * Opens the real core on [dataDir] (give it a JUnit `@TempDir`): a real SQLite file
 * and real report folders, exactly as the Android shell does with `filesDir`.
 *
 * Always close what this returns, preferably with `use {}`:
 *
 *     openCore(dataDir).use { core -> ... }
 */
fun openCore(dataDir: Path, secrets: SecretStore = RecordingSecretStore()): IhanoiCore =
    IhanoiCore.open(dataDir.toString(), secrets)

/**
 * Runs [test] with a core open on [dataDir], closed afterwards by `use {}`.
 *
 * Returns Unit on purpose: write tests as `fun x() = withCore(dataDir) { core -> ... }`.
 * (`fun x() = withCore(dataDir) { ... }` would return the block's last value, and
 * JUnit does not run a @Test that returns a value.)
 */
fun withCore(dataDir: Path, secrets: SecretStore = RecordingSecretStore(), test: (IhanoiCore) -> Unit) {
    openCore(dataDir, secrets).use(test)
}
