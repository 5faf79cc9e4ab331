package canbao.bench;

import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.ResidentId;
import canbao.store.DataKey;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.store.OutboxQueue;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import canbao.sync.BatchAnswer;
import canbao.sync.SyncClient;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code canbao bench sync}: (1) 40 townships uploading 2,000 records each at once to one hub on
 * 127.0.0.1 — batch latency p50/p99 and the counts; (2) 10,000 enrolments from a real counter's
 * outbox — bytes per record on the wire and throughput, against a plain POST of the same bodies to
 * a handler that only reads them, in the same run.
 */
final class SyncBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SINK = "/bench/sink";

    private final PrintStream out;

    SyncBenchmark(PrintStream out) {
        this.out = out;
    }

    int run(int townships, int perTownship, int households) throws Exception {
        Path work = Files.createTempDirectory("canbao-bench-sync");
        try {
            load(work.resolve("load"), townships, perTownship);
            wire(work.resolve("wire"), households);
            return 0;
        } finally {
            WorkFolder.delete(work);
        }
    }

    private void load(Path folder, int townships, int perTownship) throws Exception {
        Files.createDirectories(folder);
        int batchSize = 200;
        try (Hub hub = Hub.open("jdbc:sqlite:" + folder.resolve("county-hub.db"), Clock.systemUTC());
             HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start()) {
            URI address = URI.create("http://127.0.0.1:" + server.port());
            ExecutorService pool = Executors.newFixedThreadPool(townships);
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < townships; t++) {
                String township = "镇" + t;
                String token = hub.registerDevice(township);
                List<SyncRecord> records = townshipRecords(t, perTownship);
                done.add(pool.submit(() -> uploadAll(address, token, township, records, batchSize, latencies)));
            }
            for (Future<?> future : done) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long stored = hub.stats().stream().mapToLong(row -> (Long) row.get("enrollments")).sum();
            out.printf("load: %d townships x %,d records at once, batches of %d: %.1f s, %,.0f records/s%n",
                    townships, perTownship, batchSize, seconds, townships * perTownship / seconds);
            out.printf("  batch latency p50 %.0f ms, p99 %.0f ms (%d batches); live enrolments at the hub %,d of %,d%n",
                    StoreBenchmark.percentile(sorted, 50), StoreBenchmark.percentile(sorted, 99), sorted.length,
                    stored, townships * perTownship * 2 / 5);
        }
    }

    /**
     * {@code bench sync --postgres JDBC_URL [--rounds R]}: the load of {@link #load} (40 townships at once,
     * batches of 200) on PostgreSQL, in a schema of its own ({@code canbao_bench}, dropped and made anew
     * before each run), three ways in each round: one hub; two hub replicas (two servers, two pools, the
     * townships split between them); and the database's floor — the same rows (the records and what the
     * hub keeps of them: owners, households, persons, enrolments, categories, batches) written with COPY
     * into the same tables under the same indexes, by as many connections at once. Prints each round's
     * figures and the ranges.
     */
    int runPostgres(String url, int townships, int perTownship, int rounds) throws Exception {
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=canbao_bench";
        List<List<SyncRecord>> records = new ArrayList<>();
        for (int t = 0; t < townships; t++) {
            records.add(townshipRecords(t, perTownship));
        }
        long total = (long) townships * perTownship;
        out.printf("postgres: %d townships x %,d records at once, batches of %d, %d rounds (schema canbao_bench)%n",
                townships, perTownship, LOAD_BATCH, rounds);
        List<Double> one = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> oneP99 = new ArrayList<>();
        List<Double> twoP99 = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            freshSchema(url);
            double[] single = loadReplicas(schemaUrl, records, 1);
            freshSchema(url);
            double[] pair = loadReplicas(schemaUrl, records, 2);
            freshSchema(url);
            double copy = copyFloor(schemaUrl, records);
            one.add(total / single[0]);
            two.add(total / pair[0]);
            floor.add(total / copy);
            oneP99.add(single[2]);
            twoP99.add(pair[2]);
            out.printf("  round %d: one hub %.1f s (%,.0f records/s, batch p50 %.0f ms, p99 %.0f ms); two replicas %.1f s "
                            + "(%,.0f records/s, p50 %.0f ms, p99 %.0f ms); COPY floor %.1f s (%,.0f records/s)%n", round,
                    single[0], total / single[0], single[1], single[2], pair[0], total / pair[0], pair[1], pair[2], copy,
                    total / copy);
            out.printf("           one hub / floor %.2f, two replicas / one hub %.2f%n", single[0] > 0 ? copy / single[0] : 0,
                    single[0] / pair[0]);
        }
        out.printf("  records/s: one hub %,.0f–%,.0f; two replicas %,.0f–%,.0f; COPY floor %,.0f–%,.0f%n",
                Collections.min(one), Collections.max(one), Collections.min(two), Collections.max(two),
                Collections.min(floor), Collections.max(floor));
        out.printf("  batch p99 ms: one hub %.0f–%.0f; two replicas %.0f–%.0f%n", Collections.min(oneP99),
                Collections.max(oneP99), Collections.min(twoP99), Collections.max(twoP99));
        freshSchema(url);
        return 0;
    }

    private static final int LOAD_BATCH = 200;

    private static void freshSchema(String url) throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS canbao_bench CASCADE");
            statement.execute("CREATE SCHEMA canbao_bench");
        }
    }

    /** Seconds for every township's batches through {@code replicas} hubs at once; batch p50 and p99 in ms. */
    private static double[] loadReplicas(String url, List<List<SyncRecord>> records, int replicas) throws Exception {
        List<Hub> hubs = new ArrayList<>();
        List<HubServer> servers = new ArrayList<>();
        try {
            for (int r = 0; r < replicas; r++) {
                Hub hub = Hub.open(url, Clock.systemUTC());
                hubs.add(hub);
                servers.add(new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start());
            }
            ExecutorService pool = Executors.newFixedThreadPool(records.size());
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> done = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int t = 0; t < records.size(); t++) {
                tokens.add(hubs.get(0).registerDevice("镇" + t, "镇" + t));
            }
            long start = System.nanoTime();
            for (int t = 0; t < records.size(); t++) {
                String township = "镇" + t;
                List<SyncRecord> mine = records.get(t);
                URI address = URI.create("http://127.0.0.1:" + servers.get(t % replicas).port());
                String token = tokens.get(t);
                done.add(pool.submit(() -> uploadAll(address, token, township, mine, LOAD_BATCH, latencies)));
            }
            for (Future<?> future : done) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new double[] {seconds, StoreBenchmark.percentile(sorted, 50), StoreBenchmark.percentile(sorted, 99)};
        } finally {
            for (HubServer server : servers) {
                server.close();
            }
            for (Hub hub : hubs) {
                hub.close();
            }
        }
    }

    /**
     * Seconds to write the same rows the hub would keep, with COPY, one connection per township at once,
     * one transaction per batch: the database's own cost for the data under the hub's indexes.
     */
    private static double copyFloor(String url, List<List<SyncRecord>> records) throws Exception {
        Hub.open(url, Clock.systemUTC()).close(); // the schema and its indexes, as the hub makes them
        ExecutorService pool = Executors.newFixedThreadPool(records.size());
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < records.size(); t++) {
            String township = "镇" + t;
            List<SyncRecord> mine = records.get(t);
            done.add(pool.submit(() -> {
                try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url)) {
                    connection.setAutoCommit(false);
                    org.postgresql.copy.CopyManager copy = connection.unwrap(org.postgresql.PGConnection.class)
                            .getCopyAPI();
                    for (int from = 0; from < mine.size(); from += LOAD_BATCH) {
                        copyBatch(copy, township, mine.subList(from, Math.min(mine.size(), from + LOAD_BATCH)));
                        connection.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void copyBatch(org.postgresql.copy.CopyManager copy, String township, List<SyncRecord> batch)
            throws Exception {
        String now = java.time.Instant.now().toString();
        String batchId = UUID.randomUUID().toString();
        StringBuilder records = new StringBuilder();
        StringBuilder owners = new StringBuilder();
        StringBuilder households = new StringBuilder();
        StringBuilder persons = new StringBuilder();
        StringBuilder enrollments = new StringBuilder();
        Map<String, String> identities = new java.util.HashMap<>();
        for (SyncRecord record : batch) {
            com.fasterxml.jackson.databind.JsonNode payload = JSON.readTree(record.payload());
            String canonical = JSON.writeValueAsString(JSON.convertValue(payload, java.util.TreeMap.class));
            line(records, record.entity(), record.id(), String.valueOf(record.revision()),
                    canbao.model.Sha256.hex(canonical), canonical, township, township, batchId, now);
            line(owners, record.entity(), record.id(), township, township);
            switch (record.entity()) {
                case "household" -> line(households, record.id(), township, "1", payload.path("village").asText());
                case "person" -> {
                    String identity = payload.path("idNumber").asText();
                    identities.put(record.id(), identity);
                    line(persons, record.id(), payload.path("household").asText(), identity, "1");
                }
                case "enrollment" -> line(enrollments, record.id(), payload.path("person").asText(),
                        payload.path("policyYear").asText(), payload.path("status").asText(), township, township, now,
                        "1", identities.get(payload.path("person").asText()), "0");
                default -> { }
            }
        }
        copyIn(copy, "sync_record (entity, id, revision, content_hash, payload, device, township, batch_id, received_at)",
                records);
        copyIn(copy, "record_owner (entity, id, device, township)", owners);
        copyIn(copy, "hub_household (id, township, revision, village)", households);
        copyIn(copy, "hub_person (id, household_id, identity, revision)", persons);
        copyIn(copy, "hub_enrollment (id, person_id, policy_year, status, device, township, received_at, revision, "
                + "person_identity, unchecked_duplicate)", enrollments);
        StringBuilder answer = new StringBuilder();
        line(answer, batchId, township, "{}", now);
        copyIn(copy, "batch (batch_id, device, answer, received_at)", answer);
    }

    private static void copyIn(org.postgresql.copy.CopyManager copy, String table, StringBuilder rows) throws Exception {
        if (rows.length() > 0) {
            copy.copyIn("COPY " + table + " FROM STDIN", new java.io.StringReader(rows.toString()));
        }
    }

    /** One line of COPY's text format (tabs, backslashes and line breaks escaped). */
    private static void line(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String value = values[i];
            if (value == null) {
                out.append("\\N");
                continue;
            }
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
        out.append('\n');
    }

    /** Per 5 records: a household, two persons, their two enrolments (valid quotes: adults, tier 1, in period). */
    private static List<SyncRecord> townshipRecords(int township, int count) {
        List<SyncRecord> records = new ArrayList<>(count);
        for (int h = 0; records.size() < count; h++) {
            String household = UUID.randomUUID().toString();
            records.add(new SyncRecord("household", household, 1, "{\"number\":\"" + h + "\",\"village\":\"村\"}"));
            for (int m = 0; m < 2; m++) {
                String person = UUID.randomUUID().toString();
                String first17 = String.format("5%02d2%02d19%02d0101%03d", township, h / 1000, 50 + m, h % 1000);
                records.add(new SyncRecord("person", person, 1, "{\"household\":\"" + household
                        + "\",\"idNumber\":\"" + first17 + ResidentId.checkCharacter(first17)
                        + "\",\"birthDate\":\"19" + (50 + m) + "-01-01\"}"));
                records.add(new SyncRecord("enrollment", UUID.randomUUID().toString(), 1, "{\"person\":\"" + person
                        + "\",\"policyYear\":2022,\"status\":\"paid\",\"kind\":\"own\",\"tier\":1,"
                        + "\"paymentDate\":\"2022-01-10\",\"payableFen\":32000,\"benefitStart\":\"2022-01-01\"}"));
            }
        }
        return records.subList(0, count);
    }

    /**
     * {@code bench sync --tls ROUNDS}: the same counter's batches uploaded to a fresh hub over plain HTTP
     * and over HTTPS (a {@code hub tls init} certificate, pinned as counters pin it), alternately, ROUNDS
     * times; and the plain POST of the same bodies to the sink over both, which isolates the transport.
     * Reports each round's HTTPS/HTTP throughput ratio and the range.
     */
    int runTls(int households, int rounds) throws Exception {
        Path work = Files.createTempDirectory("canbao-bench-sync-tls");
        try {
            return runTls(work, households, rounds);
        } finally {
            WorkFolder.delete(work);
        }
    }

    private int runTls(Path work, int households, int rounds) throws Exception {
        List<UploadBatch> batches = new ArrayList<>();
        counterBatches(work.resolve("counter"), households, batches::add);
        long records = batches.stream().mapToLong(b -> b.records().size()).sum();
        List<byte[]> bodies = new ArrayList<>();
        for (UploadBatch batch : batches) {
            bodies.add(gzip(JSON.writeValueAsBytes(batch)));
        }
        canbao.hub.HubTls.Made certificate = canbao.hub.HubTls.init(work.resolve("tls"), List.of("127.0.0.1"),
                Clock.systemUTC());
        canbao.sync.HubTrust trust = new canbao.sync.HubTrust(new canbao.sync.HubTrust.Pin(
                canbao.sync.HubTrust.Pin.Kind.CERTIFICATE,
                canbao.hub.HubTls.certificates(certificate.certificate()).get(0)), false);
        out.printf("tls: %,d records in %d batches from a counter's outbox, %d rounds (plain HTTP and HTTPS "
                + "alternately, each to a fresh hub on SQLite)%n", records, batches.size(), rounds);
        List<Double> uploadRatios = new ArrayList<>();
        List<Double> sinkRatios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double[] http = new double[2];
            double[] https = new double[2];
            // alternate which goes first, so neither always runs on a warmer JIT or a cooler disk
            for (boolean tls : round % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                double[] seconds = uploadOnce(work.resolve("hub-" + round + (tls ? "-tls" : "-plain") + ".db"),
                        batches, bodies, tls ? canbao.hub.HubTls.fromPem(certificate.certificate(), certificate.key())
                                : null, tls ? trust : canbao.sync.HubTrust.NONE);
                if (tls) {
                    https = seconds;
                } else {
                    http = seconds;
                }
            }
            double uploadRatio = http[0] / https[0];
            double sinkRatio = http[1] / https[1];
            uploadRatios.add(uploadRatio);
            sinkRatios.add(sinkRatio);
            out.printf("  round %d: upload HTTP %.2f s (%,.0f records/s), HTTPS %.2f s (%,.0f records/s), ratio %.3f;"
                    + " plain POST HTTP %.3f s, HTTPS %.3f s, ratio %.3f%n", round, http[0], records / http[0],
                    https[0], records / https[0], uploadRatio, http[1], https[1], sinkRatio);
        }
        out.printf("  HTTPS/HTTP throughput, upload to the hub: %.3f–%.3f (median %.3f); plain POST of the same "
                + "bodies: %.3f–%.3f (median %.3f)%n", Collections.min(uploadRatios), Collections.max(uploadRatios),
                median(uploadRatios), Collections.min(sinkRatios), Collections.max(sinkRatios), median(sinkRatios));
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Seconds to upload every batch to a fresh hub, and to POST the same bodies to its sink (once warmed). */
    private static double[] uploadOnce(Path hubFile, List<UploadBatch> batches, List<byte[]> bodies,
                                       org.eclipse.jetty.util.ssl.SslContextFactory.Server tls,
                                       canbao.sync.HubTrust trust) throws Exception {
        try (Hub hub = Hub.open("jdbc:sqlite:" + hubFile, Clock.systemUTC());
             HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES,
                     SyncBenchmark::withSink, tls).start()) {
            URI address = URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + server.port());
            String token = hub.registerDevice("兴义镇");
            SyncClient client = new SyncClient(address, token, Duration.ofSeconds(120), trust);
            HttpClient.Builder plainBuilder = HttpClient.newBuilder();
            if (trust.sslContext() != null) {
                plainBuilder.sslContext(trust.sslContext());
            }
            HttpClient plain = plainBuilder.build();
            postPlain(plain, address, bodies);
            double sinkSeconds = postPlain(plain, address, bodies);
            client.checkHealth();
            long start = System.nanoTime();
            for (UploadBatch batch : batches) {
                client.upload(batch);
            }
            return new double[] {(System.nanoTime() - start) / 1e9, sinkSeconds};
        }
    }

    /** A real counter's outbox: {@code households} families of three, enrolled, cut into batches of 500. */
    private static void counterBatches(Path folder, int households, java.util.function.Consumer<UploadBatch> each) {
        try (Database counter = Database.open(folder, DataKey.random())) {
            WorkplaceSettings settings = new WorkplaceSettings(counter);
            Workplace workplace = new Workplace("兴义镇", "500230", "基准");
            settings.save(workplace);
            HouseholdService service = new HouseholdService(counter, PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
            for (int h = 0; h < households; h++) {
                service.save(benchHousehold(h), "基准");
            }
            OutboxQueue queue = new OutboxQueue(counter, workplace, settings.deviceId().orElseThrow(),
                    Clock.systemUTC());
            for (UploadBatch batch; (batch = queue.nextBatch(500).orElse(null)) != null; ) {
                each.accept(batch);
                String batchId = batch.batchId();
                counter.jdbi().useHandle(handle -> handle.execute(
                        "UPDATE outbox SET status = 'uploaded' WHERE batch_id = ?", batchId));
            }
        }
    }

    private static HouseholdEntry benchHousehold(int h) {
        List<HouseholdEntry.Member> members = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            String first17 = String.format("500230%04d%02d%02d%03d", 1950 + m * 20, 1 + (h / 28) % 12,
                    1 + h % 28, h / 336);
            members.add(new HouseholdEntry.Member("成员" + m, first17 + ResidentId.checkCharacter(first17),
                    null, null, "家属", "汉", m == 2 && h % 4 == 0 ? List.of(new HouseholdEntry.Category("DIBAO",
                    "民政办", null)) : List.of(), null, null, new HouseholdEntry.EnrollmentRequest(2022, 1 + m % 2,
                    LocalDate.of(2022, 1, 10), "R" + h, null, null)));
        }
        return new HouseholdEntry("W" + h, "兴义村", null, null, null, members);
    }

    private void wire(Path folder, int households) throws Exception {
        // the same counter's outbox as the TLS run's, set aside batch by batch; the hub run below sends them
        List<UploadBatch> batches = new ArrayList<>();
        counterBatches(folder.resolve("counter"), households, batches::add);
        List<byte[]> bodies = new ArrayList<>();
        long records = 0;
        long enrollments = 0;
        long wireBytes = 0;
        for (UploadBatch batch : batches) {
            byte[] body = gzip(JSON.writeValueAsBytes(batch));
            bodies.add(body);
            wireBytes += body.length;
            records += batch.records().size();
            enrollments += batch.records().stream().filter(r -> r.entity().equals("enrollment")).count();
        }
        try (Hub hub = Hub.open("jdbc:sqlite:" + folder.resolve("county-hub.db"), Clock.systemUTC());
             HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES,
                     SyncBenchmark::withSink).start()) {
            URI address = URI.create("http://127.0.0.1:" + server.port());
            SyncClient client = new SyncClient(address, hub.registerDevice("兴义镇"), Duration.ofSeconds(120));
            HttpClient plain = HttpClient.newHttpClient();
            // baseline first once to warm the JIT on both paths' shared parts, then the timed runs
            double plainSeconds = postPlain(plain, address, bodies);
            plainSeconds = postPlain(plain, address, bodies);
            long start = System.nanoTime();
            for (UploadBatch batch : batches) {
                client.upload(batch);
            }
            double syncSeconds = (System.nanoTime() - start) / 1e9;
            out.printf("wire: %,d enrolments (%,d records, %d batches of up to 500) from a counter's outbox%n",
                    enrollments, records, batches.size());
            out.printf("  gzip on the wire: %,d bytes, %.0f bytes per record, %.0f per enrolment%n", wireBytes,
                    wireBytes / (double) records, wireBytes / (double) enrollments);
            out.printf("  upload to the hub: %.2f s (%,.0f records/s); plain POST of the same bodies: %.2f s "
                    + "(%,.0f records/s); ratio %.2f%n", syncSeconds, records / syncSeconds, plainSeconds,
                    records / plainSeconds, plainSeconds / syncSeconds);
        }
    }

    private static double postPlain(HttpClient plain, URI address, List<byte[]> bodies) throws Exception {
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            HttpResponse<Void> response = plain.send(HttpRequest.newBuilder(address.resolve(SINK))
                    .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("sink answered " + response.statusCode());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The baseline: a handler on the same server that only reads the body. */
    private static Handler withSink(Handler hub) {
        return new Handler.Wrapper(hub) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!Request.getPathInContext(request).equals(SINK)) {
                    return super.handle(request, response, callback);
                }
                Content.Source.asInputStream(request).readAllBytes();
                response.setStatus(204);
                response.write(true, ByteBuffer.allocate(0), callback);
                return true;
            }
        };
    }

    private static byte[] gzip(byte[] json) throws java.io.IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(json);
        }
        return zipped.toByteArray();
    }

    /** One counter's upload of its records in batches, each batch's time kept; anything not delivered fails. */
    private static Void uploadAll(URI address, String token, String township, List<SyncRecord> records, int batchSize,
                                  List<Double> latencies) throws Exception {
        SyncClient client = new SyncClient(address, token, Duration.ofSeconds(120));
        for (int from = 0; from < records.size(); from += batchSize) {
            UploadBatch batch = new UploadBatch(UUID.randomUUID().toString(), township, township, "基准",
                    records.subList(from, Math.min(records.size(), from + batchSize)));
            long sent = System.nanoTime();
            BatchAnswer answer = client.upload(batch);
            latencies.add((System.nanoTime() - sent) / 1e6);
            if (answer.results().stream().anyMatch(r -> !r.status().delivered())) {
                throw new IllegalStateException("not delivered: " + answer.results());
            }
        }
        return null;
    }
}
