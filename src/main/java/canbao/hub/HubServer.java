package canbao.hub;

import canbao.model.Localization;
import canbao.sync.BatchAnswer;
import canbao.sync.UploadBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The hub's HTTP face (Jetty): {@code POST /api/v1/batches} takes a gzip or plain JSON
 * {@link UploadBatch} from a device with a valid bearer token and answers its signed
 * {@link BatchAnswer}; {@code GET /api/v1/health} is the counters' connectivity check.
 */
public final class HubServer implements AutoCloseable {

    /** Largest batch body accepted, as sent (compressed or not); larger gets 413. */
    public static final long DEFAULT_MAX_BATCH_BYTES = 8L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Hub hub;
    private final long maxBatchBytes;
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
        this.hub = hub;
        this.maxBatchBytes = maxBatchBytes;
        this.server = new Server();
        this.connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(decorate.apply(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return HubServer.this.handle(request, response, callback);
            }
        }));
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
            reply(request, response, callback, 200, Map.of("status", "ok"));
            return true;
        }
        if (path.equals("/api/v1/stats") && request.getMethod().equals("GET")) {
            reply(request, response, callback, 200, Map.of("stats", hub.stats()));
            return true;
        }
        if (path.startsWith("/api/v1/policy") && request.getMethod().equals("GET")) {
            return policy(path, request, response, callback);
        }
        if (!path.equals("/api/v1/batches") || !request.getMethod().equals("POST")) {
            reply(request, response, callback, 404, Map.of("error", text("hub.notFound")));
            return true;
        }
        Optional<String> device = hub.deviceFor(bearer(request));
        if (device.isEmpty()) {
            reply(request, response, callback, 401, Map.of("error", text("hub.unauthorized")));
            return true;
        }
        long declared = request.getLength();
        InputStream content = Content.Source.asInputStream(request);
        byte[] body = declared > maxBatchBytes ? null : readAtMost(content, maxBatchBytes);
        if (body == null) {
            // read the rest (up to a bound) before answering: a client still sending its body would
            // otherwise see the connection break instead of the 413 and its reason
            drain(content, DRAIN_LIMIT);
            reply(request, response, callback, 413, Map.of("error", text("hub.tooLarge", maxBatchBytes)));
            return true;
        }
        UploadBatch batch;
        try {
            boolean gzip = "gzip".equalsIgnoreCase(request.getHeaders().get("Content-Encoding"));
            // a compressed batch may unpack to at most 20 times the limit (no zip bombs)
            byte[] json = gzip ? readAtMost(new GZIPInputStream(new java.io.ByteArrayInputStream(body)),
                    maxBatchBytes * 20) : body;
            if (json == null) {
                reply(request, response, callback, 413, Map.of("error", text("hub.tooLarge", maxBatchBytes)));
                return true;
            }
            batch = JSON.readValue(json, UploadBatch.class);
            if (batch.batchId() == null || batch.records() == null) {
                throw new IOException("batchId and records are required");
            }
        } catch (IOException | RuntimeException e) {
            reply(request, response, callback, 400, Map.of("error", text("hub.badBatch", e.getMessage())));
            return true;
        }
        BatchAnswer answer;
        try {
            answer = hub.receive(device.get(), batch);
        } catch (RuntimeException e) {
            // the counter retries a 500; say it in JSON like every other answer
            reply(request, response, callback, 500, Map.of("error", text("hub.internal", e.getClass().getSimpleName())));
            return true;
        }
        reply(request, response, callback, 200, answer);
        return true;
    }

    /**
     * Reference data down: {@code GET /api/v1/policy} lists the tables (year, version, SHA-256 of the
     * file); {@code GET /api/v1/policy/2023} is that year's table file, byte for byte. Public notices,
     * so no token is asked for.
     */
    private boolean policy(String path, Request request, Response response, Callback callback) throws IOException {
        PolicyShelf shelf = hub.policies();
        if (path.equals("/api/v1/policy")) {
            reply(request, response, callback, 200, Map.of("tables", shelf.entries().stream()
                    .map(e -> Map.of("year", e.year(), "version", e.version(), "sha256", e.sha256())).toList()));
            return true;
        }
        String year = path.substring("/api/v1/policy".length());
        Optional<PolicyShelf.Entry> entry = year.matches("/\\d{4}")
                ? shelf.entry(Integer.parseInt(year.substring(1))) : Optional.empty();
        if (entry.isEmpty()) {
            reply(request, response, callback, 404, Map.of("error", text("hub.notFound")));
            return true;
        }
        replyBytes(request, response, callback, 200, entry.get().json());
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            total += read;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
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

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
