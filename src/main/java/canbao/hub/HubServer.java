package canbao.hub;

import canbao.model.Unreported;
import canbao.model.Localization;
import canbao.sync.BatchAnswer;
import canbao.sync.BoundedGzip;
import canbao.sync.SyncCodec;
import canbao.sync.UploadBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The hub's HTTP face (Jetty): {@code POST /api/v1/batches} takes a gzip or plain JSON
 * {@link UploadBatch} from a device with a valid bearer token and answers its signed
 * {@link BatchAnswer} (403 when the batch names a township the token does not speak for);
 * {@code POST /api/v1/history} answers a person's covered years to such a device;
 * {@code GET /api/v1/health} is the counters' connectivity check, the only address open without a
 * token; statistics and policy tables take a device's token or a county operator's. Plain HTTP, or
 * HTTPS with a {@link HubTls} certificate.
 */
public final class HubServer implements AutoCloseable {

    /** Largest batch body accepted, as sent (compressed or not); larger gets 413. */
    public static final long DEFAULT_MAX_BATCH_BYTES = 8L << 20;

    /**
     * Largest batch once unpacked: a gzip body is inflated piece by piece and refused (413) as soon as it
     * passes this, or 4 × the batch limit when that is larger. 500 records of a few kilobytes are ≈ 1 MB.
     */
    public static final long MAX_UNPACKED_BATCH_BYTES = 32L << 20;

    /**
     * Batches read, unpacked and parsed at once; more wait up to {@link #UNPACKING_WAIT} for their turn,
     * then get 503 with Retry-After (the counter retries with backoff). The hub stores one batch at a
     * time anyway; this bounds the memory of those waiting (each ≤ the body and its unpacked bytes).
     */
    public static final int MAX_CONCURRENT_UNPACKING = 4;
    static final java.time.Duration UNPACKING_WAIT = java.time.Duration.ofSeconds(10);
    static final int RETRY_AFTER_SECONDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HubServer.class);

    private final Hub hub;
    private final CountyPage countyPage;
    private final long maxBatchBytes;
    private final long maxUnpackedBytes;
    private final java.util.concurrent.Semaphore unpacking = new java.util.concurrent.Semaphore(
            MAX_CONCURRENT_UNPACKING, true);
    private final Server server;
    private final ServerConnector connector;

    public HubServer(Hub hub, String host, int port, long maxBatchBytes) {
        this(hub, host, port, maxBatchBytes, UnaryOperator.identity());
    }

    /**
     * @param decorate wraps the hub's handler (fault-injection tests put a misbehaving network in front
     *                 of the real hub; production uses it as is)
     */
    public HubServer(Hub hub, String host, int port, long maxBatchBytes, UnaryOperator<Handler> decorate) {
        this(hub, host, port, maxBatchBytes, decorate, null);
    }

    /**
     * @param tls the certificate and key to serve HTTPS with ({@link HubTls}); null serves plain HTTP
     *            (behind a reverse proxy that does TLS, or on 127.0.0.1 for tests)
     */
    public HubServer(Hub hub, String host, int port, long maxBatchBytes, UnaryOperator<Handler> decorate,
                     SslContextFactory.Server tls) {
        this.hub = hub;
        this.countyPage = new CountyPage(hub);
        this.maxBatchBytes = maxBatchBytes;
        this.maxUnpackedBytes = Math.max(MAX_UNPACKED_BATCH_BYTES, maxBatchBytes * 4);
        this.server = new Server();
        this.connector = tls == null ? new ServerConnector(server) : new ServerConnector(server, tls);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        // a graceful stop (close(), or SIGTERM with stopOnSignal) stops taking connections, lets the batches
        // in flight finish and answer, and only then ends: a replica can be restarted under load
        server.setHandler(new GracefulHandler(decorate.apply(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return HubServer.this.handle(request, response, callback);
            }
        })));
        server.setStopTimeout(EMBEDDED_STOP_TIMEOUT.toMillis());
        // while stopping, kept-alive connections with no request are closed this soon (a request being
        // answered is not idle: see handle)
        connector.setShutdownIdleTimeout(200);
    }

    /** How long an embedded server's stop waits for the requests in flight before it cuts them. */
    private static final java.time.Duration EMBEDDED_STOP_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** How long the {@code hub} process waits for batches in flight when told to stop (a batch of 500 takes about a second). */
    public static final java.time.Duration SIGNAL_STOP_TIMEOUT = java.time.Duration.ofSeconds(30);

    /**
     * Stops gracefully when the JVM is asked to end (SIGTERM, Ctrl+C), waiting up to
     * {@link #SIGNAL_STOP_TIMEOUT} for the batches in flight: the {@code hub} command's process, not
     * an embedded server.
     */
    public HubServer stopOnSignal() {
        server.setStopTimeout(SIGNAL_STOP_TIMEOUT.toMillis());
        connector.setShutdownIdleTimeout(1_000);
        server.setStopAtShutdown(true);
        return this;
    }

    public HubServer start() throws Exception {
        server.start();
        return this;
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    private boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals("/api/v1/health") && request.getMethod().equals("GET")) {
            // "ok" only when the database answered; a replica whose database does not says so (503), and a
            // proxy's health check takes it out of rotation
            boolean database = hub.databaseAnswers();
            reply(request, response, callback, database ? 200 : 503, database ? Map.of("status", "ok")
                    : Map.of("status", "unavailable", "error", text("hub.database.down")));
            return true;
        }
        if (CountyPage.serves(path)) {
            // the county operator's progress page: its own sign-in (a session cookie), HTML not JSON
            try {
                return countyPage.handle(path, request, response, callback);
            } catch (RuntimeException e) {
                LOG.error("the progress page failed; answered 500", Unreported.of(e));
                response.setStatus(500);
                response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
                response.write(true, ByteBuffer.wrap(text("hub.internal", e.getClass().getSimpleName())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
                return true;
            }
        }
        // everything but the health check is for the county's devices and operators only
        Optional<Hub.Caller> caller = hub.caller(bearer(request));
        if (caller.isEmpty()) {
            reply(request, response, callback, 401, Map.of("error", text("hub.unauthorized")));
            return true;
        }
        if (caller.get().revoked()) {
            reply(request, response, callback, 401, Map.of("error", text(caller.get().kind() == Hub.Caller.Kind.DEVICE
                    ? "hub.token.revoked" : "hub.operator.revoked", caller.get().name())));
            return true;
        }
        boolean isDevice = caller.get().kind() == Hub.Caller.Kind.DEVICE;
        if (path.equals("/api/v1/stats") && request.getMethod().equals("GET")) {
            // a device's token speaks for its own township: it reads that township's figures only
            reply(request, response, callback, 200, Map.of("stats", isDevice
                    ? hub.stats(hub.townshipOf(caller.get().name()).orElse("")) : hub.stats()));
            return true;
        }
        if (path.startsWith("/api/v1/policy") && request.getMethod().equals("GET")) {
            return policy(path, request, response, callback);
        }
        boolean upload = path.equals("/api/v1/batches") && request.getMethod().equals("POST");
        boolean history = path.equals("/api/v1/history") && request.getMethod().equals("POST");
        if (!upload && !history) {
            reply(request, response, callback, 404, Map.of("error", text("hub.notFound")));
            return true;
        }
        if (!isDevice) {
            reply(request, response, callback, 403, Map.of("error", text("hub.operator.notDevice")));
            return true;
        }
        Optional<String> device = Optional.of(caller.get().name());
        if (history) {
            return history(device.get(), request, response, callback);
        }
        if (!unpacking.tryAcquire(UNPACKING_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            response.getHeaders().put("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            reply(request, response, callback, 503, Map.of("error", text("hub.busy", RETRY_AFTER_SECONDS)));
            return true;
        }
        UploadBatch batch;
        try {
            long declared = request.getLength();
            InputStream content = Content.Source.asInputStream(request);
            byte[] body;
            try {
                if (declared > maxBatchBytes) {
                    throw new BoundedGzip.TooLarge(maxBatchBytes);
                }
                body = BoundedGzip.readAtMost(content, maxBatchBytes);
            } catch (BoundedGzip.TooLarge tooLarge) {
                // read the rest (up to a bound) before answering: a client still sending its body would
                // otherwise see the connection break instead of the 413 and its reason
                drain(content, DRAIN_LIMIT);
                reply(request, response, callback, 413, Map.of("error", text("hub.tooLarge", maxBatchBytes)));
                return true;
            }
            boolean gzip = "gzip".equalsIgnoreCase(request.getHeaders().get("Content-Encoding"));
            byte[] json;
            try {
                json = gzip ? BoundedGzip.gunzip(body, maxUnpackedBytes) : body;
            } catch (BoundedGzip.TooLarge tooLarge) {
                reply(request, response, callback, 413, Map.of("error", text("hub.tooLargeUnpacked", maxUnpackedBytes)));
                return true;
            }
            body = null;
            try {
                // read tolerantly: a field a newer counter adds is ignored (its version is checked by the hub)
                batch = SyncCodec.readBatch(json);
                if (batch.batchId() == null || batch.records() == null) {
                    throw new IOException("batchId and records are required");
                }
            } catch (IOException | RuntimeException e) {
                // Jackson's message quotes the body (names, ID numbers): the client gets its kind only
                reply(request, response, callback, 400, Map.of("error", text("hub.badBatch",
                        e instanceof java.util.zip.ZipException ? "gzip" : "JSON")));
                return true;
            }
        } finally {
            unpacking.release();
        }
        // the body is in: while the hub checks and stores it the connection is quiet, which is not idle
        // (a graceful stop would otherwise cut it after the shutdown idle timeout)
        request.addIdleTimeoutListener(timeout -> false);
        BatchAnswer answer;
        try {
            answer = hub.receive(device.get(), batch);
        } catch (Hub.Refusal refusal) {
            // refused whole (a township not the token's, a batch id of another device): the client stops
            reply(request, response, callback, refusal.status(), Map.of("error", refusal.getMessage()));
            return true;
        } catch (RuntimeException e) {
            // the counter retries a 500; say it in JSON like every other answer
            LOG.error("a batch from device {} failed; answered 500", device.get(), Unreported.of(e));
            reply(request, response, callback, 500, Map.of("error", text("hub.internal", e.getClass().getSimpleName())));
            return true;
        }
        reply(request, response, callback, 200, answer);
        return true;
    }

    /** Largest body of a history question; an ID number or certificate number needs a few dozen bytes. */
    public static final int MAX_HISTORY_BYTES = 4 * 1024;

    /** Longest ID or birth certificate number asked for (hub_person.identity holds 40 with its prefix). */
    private static final int MAX_IDENTITY_LENGTH = 32;

    /**
     * A person's coverage history for a device's quote: {@code POST /api/v1/history} with the bearer
     * token and {@code {"idNumber":"…"}} or {@code {"birthCertificateNo":"…"}} (exactly one), answered
     * {@code {"years":[2024,2025]}}. The number travels only in the body and is never logged nor put in
     * an error: Jackson's messages quote the input, so a malformed body gets a fixed text.
     */
    private boolean history(String device, Request request, Response response, Callback callback)
            throws IOException {
        InputStream content = Content.Source.asInputStream(request);
        byte[] body = request.getLength() > MAX_HISTORY_BYTES ? null : readAtMost(content, MAX_HISTORY_BYTES);
        if (body == null) {
            drain(content, DRAIN_LIMIT);
            reply(request, response, callback, 413, Map.of("error", text("hub.history.tooLarge", MAX_HISTORY_BYTES)));
            return true;
        }
        Optional<Identity> identity = Identity.read(body);
        if (identity.isEmpty()) {
            reply(request, response, callback, 400, Map.of("error",
                    text("hub.history.bad", MAX_IDENTITY_LENGTH)));
            return true;
        }
        java.util.SortedSet<Integer> years;
        try {
            years = hub.coveredYears(identity.get().idNumber(), identity.get().birthCertificateNo());
        } catch (RuntimeException e) {
            // the class only: a database error's message carries the statement's arguments (the ID number)
            reply(request, response, callback, 500, Map.of("error", text("hub.internal", e.getClass().getSimpleName())));
            return true;
        }
        reply(request, response, callback, 200, Map.of("years", years));
        return true;
    }

    /** Whom a history question is about: exactly one of the two numbers, the other null. */
    private record Identity(String idNumber, String birthCertificateNo) {

        /** The identity in a body, or empty when the body is not a JSON object with exactly one of them. */
        static Optional<Identity> read(byte[] body) {
            com.fasterxml.jackson.databind.JsonNode question;
            try {
                question = JSON.readTree(body);
            } catch (IOException e) {
                return Optional.empty();
            }
            if (question == null || !question.isObject()) {
                return Optional.empty();
            }
            String idNumber = number(question.get("idNumber"));
            String certificate = number(question.get("birthCertificateNo"));
            boolean hasId = question.hasNonNull("idNumber");
            boolean hasCertificate = question.hasNonNull("birthCertificateNo");
            if (hasId == hasCertificate || (hasId && idNumber == null) || (hasCertificate && certificate == null)) {
                return Optional.empty();
            }
            return Optional.of(new Identity(idNumber, certificate));
        }

        /** A non-blank text of at most the bound, in upper case as the counters send it; else null. */
        private static String number(com.fasterxml.jackson.databind.JsonNode node) {
            if (node == null || !node.isTextual()) {
                return null;
            }
            String number = canbao.model.PersonKey.cleaned(node.asText());
            return number.isEmpty() || number.length() > MAX_IDENTITY_LENGTH ? null : number;
        }
    }

    /**
     * Reference data down: {@code GET /api/v1/policy} lists the tables (year, version, SHA-256 of the
     * file, whether the county signed it); {@code GET /api/v1/policy/2023} is that year's table file,
     * byte for byte, and {@code GET /api/v1/policy/2023.sig} the county's detached signature of it (404
     * when unsigned). Asked with a device's or operator's token, like every address but the health
     * check; a counter still trusts a table for its signature, not for where it came from.
     */
    private boolean policy(String path, Request request, Response response, Callback callback) throws IOException {
        PolicyShelf shelf = hub.policies();
        if (path.equals("/api/v1/policy")) {
            reply(request, response, callback, 200, Map.of("tables", shelf.entries().stream()
                    .map(e -> Map.of("year", e.year(), "version", e.version(), "sha256", e.sha256(),
                            "signed", e.signed())).toList()));
            return true;
        }
        String year = path.substring("/api/v1/policy".length());
        boolean signature = year.endsWith(".sig");
        if (signature) {
            year = year.substring(0, year.length() - ".sig".length());
        }
        Optional<PolicyShelf.Entry> entry = year.matches("/\\d{4}")
                ? shelf.entry(Integer.parseInt(year.substring(1))) : Optional.empty();
        if (entry.isEmpty() || signature && !entry.get().signed()) {
            reply(request, response, callback, 404, Map.of("error", text("hub.notFound")));
            return true;
        }
        replyBytes(request, response, callback, 200, signature ? entry.get().signature() : entry.get().json());
        return true;
    }

    private static String bearer(Request request) {
        String header = request.getHeaders().get("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
    }

    /** How much of a refused body is read and thrown away so the client gets the 413 (beyond: connection closed). */
    private static final long DRAIN_LIMIT = 64L << 20;

    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while (total < limit && (read = in.read(buffer)) > 0) {
            total += read;
        }
    }

    /** The bytes of a stream, or null when it holds more than {@code limit}. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        try {
            return BoundedGzip.readAtMost(in, limit);
        } catch (BoundedGzip.TooLarge tooLarge) {
            return null;
        }
    }

    private static void reply(Request request, Response response, Callback callback, int status, Object body)
            throws IOException {
        replyBytes(request, response, callback, status, JSON.writeValueAsBytes(body));
    }

    private static void replyBytes(Request request, Response response, Callback callback, int status, byte[] json)
            throws IOException {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json; charset=utf-8");
        String accepted = request.getHeaders().get("Accept-Encoding");
        if (accepted != null && accepted.contains("gzip")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(json);
            }
            json = zipped.toByteArray();
            response.getHeaders().put("Content-Encoding", "gzip");
        }
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    private static String text(String key, Object... arguments) {
        return Localization.format(Localization.CHINESE, key, arguments);
    }

    /** Stops gracefully: no new connections, the requests in flight answered (up to the stop timeout). */
    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException cut) {
            // Jetty stopped all the same, cutting what had not answered within the stop timeout
            LOG.warn("the hub stopped with requests still unanswered after the stop timeout (their clients resend)");
        }
    }
}
