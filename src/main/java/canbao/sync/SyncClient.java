package canbao.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Uploads batches to a hub over HTTP (the JDK's client), gzip both ways. */
public final class SyncClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI hub;
    private final String token;
    private final Duration timeout;

    public SyncClient(URI hub, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.hub = hub;
        this.token = token;
        this.timeout = timeout;
    }

    /** The hub refused the whole request (401, 413, 400, 5xx): its status and message. */
    public static final class HubRefusedException extends IOException {
        private final int status;

        public HubRefusedException(int status, String message) {
            super(status + ": " + message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The hub's {"error": …} message, or the start of whatever else came back (a proxy's HTML page). */
    private static String errorText(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        try {
            JsonNode error = JSON.readTree(text);
            if (error != null && error.has("error")) {
                return error.get("error").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    /** The connectivity check: returns when the hub answers its health check, else says why not. */
    public void checkHealth() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(hub.resolve("/api/v1/health")).timeout(timeout).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new HubRefusedException(response.statusCode(), errorText(response.body()));
        }
    }

    /** One table the hub serves: its year, version and the SHA-256 of the file. */
    public record ServedTable(int year, String version, String sha256) {
    }

    /** The policy tables the hub serves. */
    public java.util.List<ServedTable> policyIndex() throws IOException, InterruptedException {
        JsonNode index = JSON.readTree(get("/api/v1/policy"));
        java.util.List<ServedTable> tables = new java.util.ArrayList<>();
        for (JsonNode table : index.path("tables")) {
            tables.add(new ServedTable(table.path("year").asInt(), table.path("version").asText(),
                    table.path("sha256").asText()));
        }
        return tables;
    }

    /** One year's table file, as the hub holds it. */
    public byte[] policyTable(int year) throws IOException, InterruptedException {
        return get("/api/v1/policy/" + year);
    }

    private byte[] get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(hub.resolve(path)).timeout(timeout)
                .header("Accept-Encoding", "gzip").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream raw = response.body();
             InputStream in = response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase)
                     .isPresent() ? new GZIPInputStream(raw) : raw) {
            body = in.readAllBytes();
        }
        if (response.statusCode() != 200) {
            throw new HubRefusedException(response.statusCode(), errorText(body));
        }
        return body;
    }

    public BatchAnswer upload(UploadBatch batch) throws IOException, InterruptedException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            JSON.writeValue(gzip, batch);
        }
        HttpRequest request = HttpRequest.newBuilder(hub.resolve("/api/v1/batches"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream raw = response.body();
             InputStream in = response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase)
                     .isPresent() ? new GZIPInputStream(raw) : raw) {
            body = in.readAllBytes();
        }
        if (response.statusCode() != 200) {
            throw new HubRefusedException(response.statusCode(), errorText(body));
        }
        return JSON.readValue(body, BatchAnswer.class);
    }
}
