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
import java.util.zip.GZIPOutputStream;

/**
 * Talks to a hub over HTTP (the JDK's client): uploads batches (gzip both ways), fetches policy tables
 * and asks for a person's coverage history.
 */
public final class SyncClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Largest answer taken from a hub, as sent and once unpacked: a batch's answer is ≈ 300 bytes a record
     * (150 KB for 500), a policy table tens of kilobytes. A hub (or something posing as one) that sends
     * more is given up on with {@link AnswerTooLargeException}, before the bytes are held.
     */
    public static final long MAX_ANSWER_BYTES = 16L << 20;

    /** The hub's answer was larger than {@link #MAX_ANSWER_BYTES}, as sent or unpacked. */
    public static final class AnswerTooLargeException extends IOException {
        public AnswerTooLargeException() {
            super("the hub's answer is larger than " + MAX_ANSWER_BYTES + " bytes");
        }
    }

    private final HttpClient http;
    private final URI hub;
    private final String token;
    private final Duration timeout;
    private final HubTrust trust;

    /** A client that trusts no certificate: plain HTTP to this machine only (tests, a hub on the same computer). */
    public SyncClient(URI hub, String token, Duration timeout) {
        this(hub, token, timeout, HubTrust.NONE);
    }

    /**
     * @param trust the hub certificate or CA the administrator pinned, and whether plain HTTP to another
     *              machine was allowed; anything else is refused before a request is sent
     */
    public SyncClient(URI hub, String token, Duration timeout, HubTrust trust) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        javax.net.ssl.SSLContext tls = trust.sslContext();
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        this.hub = hub;
        this.token = token;
        this.timeout = timeout;
        this.trust = trust;
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
        exchange(HttpRequest.newBuilder(hub.resolve("/api/v1/health")).GET());
    }

    /** One table the hub serves: its year, version, the SHA-256 of the file and whether it is signed. */
    public record ServedTable(int year, String version, String sha256, boolean signed) {
    }

    /** The policy tables the hub serves. */
    public java.util.List<ServedTable> policyIndex() throws IOException, InterruptedException {
        JsonNode index = JSON.readTree(exchange(HttpRequest.newBuilder(hub.resolve("/api/v1/policy")).GET()));
        java.util.List<ServedTable> tables = new java.util.ArrayList<>();
        for (JsonNode table : index.path("tables")) {
            tables.add(new ServedTable(table.path("year").asInt(), table.path("version").asText(),
                    table.path("sha256").asText(), table.path("signed").asBoolean(false)));
        }
        return tables;
    }

    /** One year's table file, as the hub holds it. */
    public byte[] policyTable(int year) throws IOException, InterruptedException {
        return exchange(HttpRequest.newBuilder(hub.resolve("/api/v1/policy/" + year)).GET());
    }

    /** The county's detached signature of one year's table file, or null when the hub has none (404). */
    public byte[] policySignature(int year) throws IOException, InterruptedException {
        try {
            return exchange(HttpRequest.newBuilder(hub.resolve("/api/v1/policy/" + year + ".sig")).GET());
        } catch (HubRefusedException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The policy years for which the hub holds a paid enrolment of a person, from any device: asked by
     * ID number, else by birth certificate number (sent in the body of a POST, never in the address).
     * Throws like the other calls: an {@link IOException} when the hub cannot be reached in time, a
     * {@link HubRefusedException} when it refuses (a bad token, a malformed question).
     */
    public java.util.SortedSet<Integer> coveredYears(String idNumber, String birthCertificateNo)
            throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.node.ObjectNode question = JSON.createObjectNode();
        if (idNumber != null && !idNumber.isBlank()) {
            question.put("idNumber", idNumber.strip());
        } else if (birthCertificateNo != null && !birthCertificateNo.isBlank()) {
            question.put("birthCertificateNo", birthCertificateNo.strip());
        } else {
            throw new IllegalArgumentException("an ID number or a birth certificate number is required");
        }
        byte[] answer = exchange(HttpRequest.newBuilder(hub.resolve("/api/v1/history"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(question))));
        JsonNode years;
        try {
            years = JSON.readTree(answer).path("years");
        } catch (IOException notJson) {
            throw new IOException("the hub's answer is not JSON");
        }
        if (!years.isArray()) {
            throw new IOException("the hub's answer has no years");
        }
        java.util.SortedSet<Integer> covered = new java.util.TreeSet<>();
        for (JsonNode year : years) {
            if (!year.isInt()) {
                throw new IOException("the hub's answer has a year that is not a whole number");
            }
            covered.add(year.asInt());
        }
        return covered;
    }

    public BatchAnswer upload(UploadBatch batch) throws IOException, InterruptedException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            SyncCodec.writeBatch(gzip, batch);
        }
        // read tolerantly: a newer hub may answer with fields this counter does not know
        return SyncCodec.readAnswer(exchange(HttpRequest.newBuilder(hub.resolve("/api/v1/batches"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))));
    }

    /**
     * Sends a request and returns the answer's body (unzipped), or throws with the hub's reason. The
     * time limit covers the whole exchange, body included: a hub that stalls halfway through its answer
     * is given up on like one that never answers (the client's own timeout stops at the headers).
     */
    private byte[] exchange(HttpRequest.Builder builder) throws IOException, InterruptedException {
        if (token != null) {
            // every address but the health check asks for it; the header is set once per request
            builder.setHeader("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.timeout(timeout).header("Accept-Encoding", "gzip").build();
        trust.requireAllowed(request.uri());
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> sent =
                http.sendAsync(request, info -> new BoundedBody(MAX_ANSWER_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = sent.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            sent.cancel(true);
            throw new java.net.http.HttpTimeoutException("no whole answer within " + timeout.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            java.util.Optional<String> untrusted = HubTrust.refusal(e, hub);
            if (untrusted.isPresent()) {
                throw new HubTrust.Untrusted(untrusted.get());
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof BoundedGzip.TooLarge) {
                    throw new AnswerTooLargeException();
                }
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            sent.cancel(true);
            throw e;
        }
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
            try {
                body = BoundedGzip.gunzip(body, MAX_ANSWER_BYTES);
            } catch (BoundedGzip.TooLarge tooLarge) {
                throw new AnswerTooLargeException();
            }
        }
        if (response.statusCode() != 200) {
            throw new HubRefusedException(response.statusCode(), errorText(body));
        }
        return body;
    }

    /**
     * An answer's body collected up to a cap: past it, the subscription is cancelled (the connection
     * dropped) and the exchange fails with {@link BoundedGzip.TooLarge}; nothing beyond the cap is held.
     */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final java.util.concurrent.CompletableFuture<byte[]> result = new java.util.concurrent.CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private java.util.concurrent.Flow.Subscription subscription;

        BoundedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (java.nio.ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new BoundedGzip.TooLarge(limit));
                    return;
                }
                byte[] piece = new byte[buffer.remaining()];
                buffer.get(piece);
                bytes.write(piece, 0, piece.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
