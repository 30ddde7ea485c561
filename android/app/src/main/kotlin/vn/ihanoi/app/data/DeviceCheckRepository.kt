package vn.ihanoi.app.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import vn.ihanoi.core.IhanoiCore
import vn.ihanoi.core.checkStatusLabel
import vn.ihanoi.core.model.CheckStatus
import vn.ihanoi.core.model.DeviceFacts

/** One row of the device check, worded by the core. */
data class CheckRow(
    val status: Words,
    /** Must be fixed before the app can work (red); a warning is not. Drives the colour only. */
    val failing: Boolean,
    val label: Words,
    /** What to do about it (empty when nothing is to do). */
    val action: Words,
    val detail: String?,
)

/** The device check's answer: the verdict and the rows in the core's order. */
data class DeviceCheckResult(val verdict: Words, val passed: Boolean, val rows: List<CheckRow>)

/** The core's device check, for community install teams. */
fun interface DeviceCheckRepository {
    suspend fun run(): DeviceCheckResult
}

/** Runs the core's `device_check` with the phone's facts from [facts], off the main thread. */
class CoreDeviceCheckRepository(
    private val core: IhanoiCore,
    private val facts: () -> DeviceFacts,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) : DeviceCheckRepository {
    override suspend fun run(): DeviceCheckResult =
        withContext(io) {
            val report = core.deviceCheck(facts())
            DeviceCheckResult(
                verdict = checkStatusLabel(report.verdict).words(),
                passed = report.verdict == CheckStatus.OK,
                rows =
                    report.checks.map {
                        CheckRow(
                            status = checkStatusLabel(it.status).words(),
                            failing = it.status == CheckStatus.FAIL,
                            label = it.label.words(),
                            action = it.action.words(),
                            detail = it.detail,
                        )
                    },
            )
        }
}
