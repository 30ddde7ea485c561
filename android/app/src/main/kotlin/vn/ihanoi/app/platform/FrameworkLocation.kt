package vn.ihanoi.app.platform

import android.Manifest
import android.annotation.SuppressLint
import android.content.Context
import android.content.pm.PackageManager
import android.location.Location
import android.location.LocationListener
import android.location.LocationManager
import android.os.Build
import android.os.Looper
import android.os.SystemClock
import kotlin.coroutines.resume
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withTimeoutOrNull
import vn.ihanoi.core.model.LocationFix
import vn.ihanoi.core.model.LocationSource

/**
 * The phone's position from the framework's [LocationManager] (no Play services: many cheap phones
 * sold in Hanoi have none). It only reads; the core judges the fix from what is passed on: the
 * accuracy, when it was measured and whether a mock-location app made it.
 */
class FrameworkLocation(
    private val context: Context,
    private val clock: () -> Long = System::currentTimeMillis,
    private val elapsedNanos: () -> Long = SystemClock::elapsedRealtimeNanos,
) {
    private val manager: LocationManager?
        get() = context.getSystemService(LocationManager::class.java)

    /** Neither precise nor approximate location allowed: nothing is read. */
    fun permitted(): Boolean =
        listOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION)
            .any { context.checkSelfPermission(it) == PackageManager.PERMISSION_GRANTED }

    /** The freshest fix the phone already has, of any provider; `null` without one. */
    @SuppressLint("MissingPermission") // permitted() is checked first
    fun lastKnown(): LocationFix? {
        val manager = manager ?: return null
        if (!permitted()) return null
        return PROVIDERS.filter {
                runCatching { manager.isProviderEnabled(it) }.getOrDefault(false)
            }
            .mapNotNull { runCatching { manager.getLastKnownLocation(it) }.getOrNull() }
            .map(::toFix)
            .maxByOrNull { it.timeMs }
    }

    /**
     * A new fix from the first provider that answers within [timeoutMs], else the last known one.
     * The core says whether it is good enough (its verdict), not this adapter.
     */
    @SuppressLint("MissingPermission")
    suspend fun current(timeoutMs: Long = 20_000): LocationFix? {
        val manager = manager ?: return null
        if (!permitted()) return null
        val enabled =
            PROVIDERS.filter { runCatching { manager.isProviderEnabled(it) }.getOrDefault(false) }
        if (enabled.isEmpty()) return null
        val fresh =
            withTimeoutOrNull(timeoutMs) {
                suspendCancellableCoroutine { continuation ->
                    val listener =
                        object : LocationListener {
                            override fun onLocationChanged(location: Location) {
                                manager.removeUpdates(this)
                                if (continuation.isActive) continuation.resume(location)
                            }

                            // Required before API 30 (abstract there).
                            override fun onProviderEnabled(provider: String) {}

                            override fun onProviderDisabled(provider: String) {}

                            @Deprecated("Not called from API 29")
                            override fun onStatusChanged(
                                provider: String?,
                                status: Int,
                                extras: android.os.Bundle?,
                            ) {}
                        }
                    enabled.forEach {
                        manager.requestLocationUpdates(it, 0L, 0f, listener, Looper.getMainLooper())
                    }
                    continuation.invokeOnCancellation { manager.removeUpdates(listener) }
                }
            }
        return fresh?.let(::toFix) ?: lastKnown()
    }

    /** The core's fix: the age measured on the phone's monotonic clock where the OS gives it. */
    fun toFix(location: Location): LocationFix {
        val measuredAt =
            if (location.elapsedRealtimeNanos > 0) {
                // GPS time and the phone's wall clock may differ; the age on the monotonic clock
                // does not.
                clock() - (elapsedNanos() - location.elapsedRealtimeNanos) / 1_000_000
            } else {
                location.time
            }
        return LocationFix(
            lat = location.latitude,
            lon = location.longitude,
            // No accuracy reported: unknown, which the core treats as poor.
            accuracyM = if (location.hasAccuracy()) location.accuracy.toDouble() else 10_000.0,
            timeMs = measuredAt,
            source =
                if (location.provider == LocationManager.GPS_PROVIDER) LocationSource.DEVICE_GPS
                else LocationSource.NETWORK,
            mocked = isMock(location),
        )
    }

    @Suppress("DEPRECATION")
    private fun isMock(location: Location): Boolean =
        if (Build.VERSION.SDK_INT >= 31) location.isMock else location.isFromMockProvider

    private companion object {
        val PROVIDERS = listOf(LocationManager.GPS_PROVIDER, LocationManager.NETWORK_PROVIDER)
    }
}
