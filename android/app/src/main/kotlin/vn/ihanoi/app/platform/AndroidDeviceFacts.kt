package vn.ihanoi.app.platform

import android.Manifest
import android.content.Context
import android.content.pm.PackageManager
import android.location.LocationManager
import android.net.ConnectivityManager
import android.net.NetworkCapabilities
import android.os.Build
import android.os.StatFs
import vn.ihanoi.core.model.DeviceFacts
import vn.ihanoi.core.model.NetworkFact
import vn.ihanoi.core.model.OsFact
import vn.ihanoi.core.model.PermissionState
import vn.ihanoi.core.model.Platform

/**
 * What only the phone knows, for the core's device check: camera, permissions, location services,
 * network, free storage, Android version. The core decides what each fact means.
 */
class AndroidDeviceFacts(private val context: Context) {
    fun collect(): DeviceFacts =
        DeviceFacts(
            cameraPresent =
                context.packageManager.hasSystemFeature(PackageManager.FEATURE_CAMERA_ANY),
            cameraPermission = permission(Manifest.permission.CAMERA),
            locationServicesOn = locationServicesOn(),
            locationPermission = locationPermission(),
            notificationPermission =
                if (Build.VERSION.SDK_INT >= 33) permission(Manifest.permission.POST_NOTIFICATIONS)
                else PermissionState.GRANTED,
            network = network(),
            freeStorageBytes = StatFs(context.filesDir.path).availableBytes.toULong(),
            os = OsFact(Platform.ANDROID, Build.VERSION.RELEASE ?: Build.VERSION.SDK_INT.toString()),
        )

    private fun permission(name: String): PermissionState =
        if (context.checkSelfPermission(name) == PackageManager.PERMISSION_GRANTED) {
            PermissionState.GRANTED
        } else {
            // Android does not tell "never asked" from "denied" without an activity: the core's
            // advice (open the settings, or allow when asked) is the same for both.
            PermissionState.DENIED
        }

    /** Precise location granted; approximate only is "limited" (the pin would be 1-3 km off). */
    private fun locationPermission(): PermissionState =
        when {
            permission(Manifest.permission.ACCESS_FINE_LOCATION) == PermissionState.GRANTED ->
                PermissionState.GRANTED
            permission(Manifest.permission.ACCESS_COARSE_LOCATION) == PermissionState.GRANTED ->
                PermissionState.LIMITED
            else -> PermissionState.DENIED
        }

    private fun locationServicesOn(): Boolean? {
        val manager = context.getSystemService(LocationManager::class.java) ?: return null
        return if (Build.VERSION.SDK_INT >= 28) manager.isLocationEnabled
        else manager.isProviderEnabled(LocationManager.GPS_PROVIDER)
    }

    private fun network(): NetworkFact? {
        val manager = context.getSystemService(ConnectivityManager::class.java) ?: return null
        val capabilities =
            manager.activeNetwork?.let { manager.getNetworkCapabilities(it) }
                ?: return NetworkFact.OFFLINE
        return when {
            !capabilities.hasCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET) ->
                NetworkFact.OFFLINE
            capabilities.hasTransport(NetworkCapabilities.TRANSPORT_WIFI) -> NetworkFact.WIFI
            capabilities.hasTransport(NetworkCapabilities.TRANSPORT_CELLULAR) ->
                NetworkFact.CELLULAR
            else -> NetworkFact.OTHER
        }
    }
}
