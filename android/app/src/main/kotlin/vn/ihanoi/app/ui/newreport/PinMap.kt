package vn.ihanoi.app.ui.newreport

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.gestures.detectTapGestures
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.PathFillType
import androidx.compose.ui.graphics.drawscope.DrawScope
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.graphics.drawscope.clipRect
import androidx.compose.ui.input.pointer.pointerInput
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.onClick
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import java.util.Locale
import kotlin.math.cos
import kotlin.math.roundToInt
import vn.ihanoi.app.R
import vn.ihanoi.app.data.DraftData
import vn.ihanoi.app.data.MapPoint
import vn.ihanoi.app.data.WardShape
import vn.ihanoi.app.data.WardSurroundings
import vn.ihanoi.app.ui.common.localized

/**
 * Where the pin is, drawn without the network: a metre grid and the ward outlines around the pin
 * (the core's boundary data), the ward holding it shaded; a tap puts the pin there (one dp is one
 * metre). Under the map, the wards drawn, named by the core, with how far each is.
 */
@Composable
internal fun PinMap(
    draft: DraftData,
    surroundings: WardSurroundings?,
    placePin: (Double, Double) -> Unit,
) {
    val lat = draft.position?.lat ?: CITY_CENTRE_LAT
    val lon = draft.position?.lon ?: CITY_CENTRE_LON
    val placed = draft.position != null
    val spoken = mapDescription(lat, lon, placed, surroundings)
    val tapLabel = stringResource(R.string.position_map_tap)
    val grid = MaterialTheme.colorScheme.outlineVariant
    val pin = MaterialTheme.colorScheme.primary
    val holding = MaterialTheme.colorScheme.primary
    val neighbour = MaterialTheme.colorScheme.tertiary
    val wards = surroundings?.wards.orEmpty().take(MAX_WARDS)
    Surface(
        color = MaterialTheme.colorScheme.surfaceVariant,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().height(220.dp),
    ) {
        Canvas(
            Modifier.fillMaxSize()
                .semantics(mergeDescendants = true) { contentDescription = spoken }
                .pointerInputTaps(tapLabel) { dx, dy ->
                    // Metres east and south of the centre (1 dp = 1 m) to degrees.
                    val newLat = lat - dy / METRES_PER_DEGREE
                    val newLon = lon + dx / (METRES_PER_DEGREE * cos(Math.toRadians(lat)))
                    placePin(newLat, newLon)
                }
        ) {
            clipRect {
                drawGrid(grid)
                // Neighbours first, so the ward holding the pin is drawn on top of them.
                for (ward in wards.sortedBy { it.holdsPin }) {
                    val path = ward.path(this, lat, lon)
                    if (ward.holdsPin) drawPath(path, holding.copy(alpha = 0.12f))
                    drawPath(
                        path,
                        if (ward.holdsPin) holding else neighbour,
                        style = Stroke(if (ward.holdsPin) 3.dp.toPx() else 2.dp.toPx()),
                    )
                }
                if (placed) {
                    val centre = Offset(size.width / 2, size.height / 2)
                    drawCircle(pin, radius = 10.dp.toPx(), center = centre)
                    drawCircle(
                        pin,
                        radius = 18.dp.toPx(),
                        center = centre,
                        style = Stroke(3.dp.toPx()),
                    )
                }
            }
        }
    }
    WardLegend(wards, surroundings, placed, holding, neighbour)
}

/** The wards on the map, each with the colour of its outline (read by TalkBack as text). */
@Composable
private fun WardLegend(
    wards: List<WardShape>,
    surroundings: WardSurroundings?,
    placed: Boolean,
    holding: Color,
    neighbour: Color,
) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        surroundings?.note?.let {
            Text(it.localized(), style = MaterialTheme.typography.bodyMedium)
        }
        for (ward in wards) {
            Row(verticalAlignment = Alignment.CenterVertically) {
                Box(Modifier.size(16.dp).clearAndSetSemantics {}) {
                    Canvas(Modifier.fillMaxSize()) {
                        drawRect(
                            if (ward.holdsPin) holding else neighbour,
                            style = Stroke(3.dp.toPx()),
                        )
                    }
                }
                Text(
                    wardLine(ward, placed),
                    style = MaterialTheme.typography.bodyMedium,
                    modifier = Modifier.padding(start = 8.dp),
                )
            }
        }
    }
}

@Composable
private fun wardLine(ward: WardShape, placed: Boolean): String {
    val name = ward.name.localized()
    val metres = ward.distanceM.roundToInt()
    return when {
        ward.holdsPin && placed -> stringResource(R.string.map_ward_holds_pin, name)
        ward.holdsPin -> stringResource(R.string.map_ward_holds_centre, name)
        placed -> stringResource(R.string.map_ward_near_pin, name, metres)
        else -> stringResource(R.string.map_ward_near_centre, name, metres)
    }
}

/** What TalkBack says of the map: where the pin is, in which ward, and the nearest other ward. */
@Composable
private fun mapDescription(
    lat: Double,
    lon: Double,
    placed: Boolean,
    surroundings: WardSurroundings?,
): String {
    val at =
        stringResource(
            if (placed) R.string.position_map else R.string.map_no_pin,
            String.format(Locale.ROOT, "%.5f", lat),
            String.format(Locale.ROOT, "%.5f", lon),
        )
    val inside =
        surroundings?.holding?.let { stringResource(R.string.map_cd_inside, it.name.localized()) }
    val nearest =
        surroundings
            ?.wards
            ?.filterNot { it.holdsPin }
            ?.minByOrNull { it.distanceM }
            ?.let {
                stringResource(
                    R.string.map_cd_nearest,
                    it.name.localized(),
                    it.distanceM.roundToInt(),
                )
            }
    return listOfNotNull(at + (inside ?: ""), surroundings?.note?.localized(), nearest)
        .joinToString(". ")
}

private fun DrawScope.drawGrid(grid: Color) {
    val step = GRID_METRES.dp.toPx()
    var x = size.width / 2 % step
    while (x < size.width) {
        drawLine(grid, Offset(x, 0f), Offset(x, size.height))
        x += step
    }
    var y = size.height / 2 % step
    while (y < size.height) {
        drawLine(grid, Offset(0f, y), Offset(size.width, y))
        y += step
    }
}

/** The ward's rings around the map's centre ([lat0], [lon0]), holes cut out (even-odd). */
private fun WardShape.path(scope: DrawScope, lat0: Double, lon0: Double): Path {
    val perDp = scope.run { 1.dp.toPx() }
    val east = METRES_PER_DEGREE * cos(Math.toRadians(lat0)) * perDp
    val north = METRES_PER_DEGREE * perDp
    val cx = scope.size.width / 2
    val cy = scope.size.height / 2
    fun MapPoint.x() = (cx + (lon - lon0) * east).toFloat()

    fun MapPoint.y() = (cy - (lat - lat0) * north).toFloat()
    return Path().apply {
        fillType = PathFillType.EvenOdd
        for (ring in rings) {
            val first = ring.firstOrNull() ?: continue
            moveTo(first.x(), first.y())
            for (point in ring.drop(1)) lineTo(point.x(), point.y())
            close()
        }
    }
}

/** Taps on the map in dp from its centre, with the action's spoken name for TalkBack. */
private fun Modifier.pointerInputTaps(label: String, onTap: (Float, Float) -> Unit): Modifier =
    // TalkBack's double tap confirms the pin where it is (the map's centre).
    semantics {
            onClick(label) {
                onTap(0f, 0f)
                true
            }
        }
        .pointerInput(onTap) {
            detectTapGestures { at ->
                onTap((at.x - size.width / 2f) / density, (at.y - size.height / 2f) / density)
            }
        }

// Hoàn Kiếm, where the map opens before the report has a position.
internal const val CITY_CENTRE_LAT = 21.0285
internal const val CITY_CENTRE_LON = 105.8542

/** Outlines asked of the core: the map's half-diagonal (about 200 m at 1 dp per metre) and more. */
internal const val OUTLINE_RADIUS_M = 250.0

private const val METRES_PER_DEGREE = 111_320.0
private const val GRID_METRES = 50

/** Wards drawn and named (the pin's and the nearest others; more would crowd a small map). */
private const val MAX_WARDS = 4
