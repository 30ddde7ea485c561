package vn.ihanoi.tests.support

import java.net.URI
import java.net.URLEncoder
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import vn.ihanoi.core.model.CityConfig

/**
 * The project's reference city server (tests/city-api), started by run.sh through
 * tests/city-server.sh on a loopback port and passed in as `ihanoi.cityUrl`. The test
 * plays the ward through the officials' endpoints, over real HTTP like the phone.
 */
object ReferenceCity {
    const val API_KEY = "test-app-key"
    private const val OFFICIAL_KEY = "test-official-key"

    val url: String by lazy {
        requireNotNull(System.getProperty("ihanoi.cityUrl")?.ifBlank { null }) {
            "run the tests with tests/kotlin/run.sh (ihanoi.cityUrl is not set)"
        }
    }

    val config: CityConfig
        get() = CityConfig(url, API_KEY, null)

    private val http: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()

    /** The one-time code the server "texted" (dev mode shows it to officials). */
    fun signInCode(phone: String): String {
        val body = send(HttpRequest.newBuilder(URI.create("$url/officials/sign-in-codes/$phone")).GET())
        return Regex("\"code\"\\s*:\\s*\"(\\d+)\"").find(body)?.groupValues?.get(1)
            ?: error("no code in $body")
    }

    /** An official action on a report, e.g. `act("42", "resolve", "Đã thu gom rác.")`. */
    fun act(serviceRequestId: String, action: String, description: String): String {
        val form = "description=" + URLEncoder.encode(description, StandardCharsets.UTF_8)
        return send(
            HttpRequest.newBuilder(URI.create("$url/officials/requests/$serviceRequestId/$action"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)),
        )
    }

    /** An official action with result photos (multipart, `media[]`), e.g. a resolve. */
    fun actWithPhotos(serviceRequestId: String, action: String, description: String, photos: List<Path>): String {
        val boundary = "ihanoi-" + System.nanoTime()
        val body = java.io.ByteArrayOutputStream()
        fun part(headers: String, content: ByteArray) {
            body.write("--$boundary\r\n$headers\r\n\r\n".toByteArray())
            body.write(content)
            body.write("\r\n".toByteArray())
        }
        part("Content-Disposition: form-data; name=\"description\"", description.toByteArray())
        for (photo in photos) {
            part(
                "Content-Disposition: form-data; name=\"media[]\"; filename=\"${photo.fileName}\"\r\nContent-Type: image/jpeg",
                Files.readAllBytes(photo),
            )
        }
        body.write("--$boundary--\r\n".toByteArray())
        return send(
            HttpRequest.newBuilder(URI.create("$url/officials/requests/$serviceRequestId/$action"))
                .header("Content-Type", "multipart/form-data; boundary=$boundary")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
        )
    }

    /** A city-wide alert, published by an official. */
    fun publishAlert(titleVi: String, titleEn: String, expires: String? = null): String {
        val fields = mutableMapOf(
            "severity" to "warning",
            "title_vi" to titleVi,
            "title_en" to titleEn,
            "body_vi" to "$titleVi — chi tiết",
            "body_en" to "$titleEn — details",
        )
        if (expires != null) fields["expires_datetime"] = expires
        val form = fields.entries.joinToString("&") { (k, v) -> "$k=" + URLEncoder.encode(v, StandardCharsets.UTF_8) }
        return send(
            HttpRequest.newBuilder(URI.create("$url/officials/alerts"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)),
        )
    }

    /** The report as the city's public API shows it (JSON text). */
    fun request(serviceRequestId: String): String =
        send(HttpRequest.newBuilder(URI.create("$url/requests/$serviceRequestId.json?api_key=$API_KEY")).GET())

    private fun send(builder: HttpRequest.Builder): String {
        val response = http.send(
            builder.header("X-Official-Key", OFFICIAL_KEY).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString(),
        )
        check(response.statusCode() in 200..299) { "${response.uri()}: ${response.statusCode()} ${response.body()}" }
        return response.body()
    }
}
