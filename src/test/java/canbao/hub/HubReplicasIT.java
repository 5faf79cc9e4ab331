package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.policy.ResidentId;
import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
import canbao.sync.SyncClient;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub processes (the packaged jar) on one PostgreSQL database, 40 counters uploading at once, pairs
 * of counters enrolling the same person for the same year at the same moment round after round, and
 * one hub killed with SIGKILL midway: the counters send their unanswered batch again to the other
 * hub. Every record is stored exactly once, of each racing pair exactly one enrolment is accepted and
 * the other refused DUPLICATE_ENROLLMENT, and the statistics equal what the counters were told.
 */
class HubReplicasIT {

    private static final int COUNTERS = 40;
    private static final int ROUNDS = 12;
    private static final int FAMILIES_PER_BATCH = 3;

    @TempDir
    Path folder;

    /** What one counter sent and was last told, per record key. */
    private record Sent(String township, SyncRecord record, boolean racing) {
    }

    @Test
    void twoHubsOnOnePostgresTakeEveryRecordOnceAndOneOfEachRacingPairEvenWhenOneIsKilled() throws Exception {
        String url = TestPostgres.emptyDatabase();
        Map<Integer, String> tokens = new HashMap<>();
        try (Hub hub = Hub.open(url, Clock.systemUTC())) {
            // migrated once here, so the two processes start on a ready schema
            for (int c = 0; c < COUNTERS; c++) {
                tokens.put(c, hub.registerDevice(device(c), township(c)));
            }
        }
        Process[] hubs = new Process[2];
        URI[] addresses = new URI[2];
        for (int h = 0; h < 2; h++) {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", System.getProperty("canbao.jar", "target/canbao.jar"), "hub",
                    "--port", String.valueOf(port), "--host", "127.0.0.1",
                    // replicas share one signing key file (README): the first start moves the key out of the database
                    "--key-file", folder.resolve("hub.key").toString());
            builder.environment().put("CANBAO_HUB_DB", url);
            hubs[h] = builder.redirectOutput(folder.resolve("hub" + h + ".out").toFile())
                    .redirectError(folder.resolve("hub" + h + ".err").toFile()).start();
            addresses[h] = URI.create("http://127.0.0.1:" + port);
        }
        try {
            for (int h = 0; h < 2; h++) {
                awaitHealthy(addresses[h], hubs[h], h);
            }
            run(tokens, hubs, addresses, url);
        } finally {
            for (Process hub : hubs) {
                hub.destroyForcibly();
                hub.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void run(Map<Integer, String> tokens, Process[] hubs, URI[] addresses, String url) throws Exception {
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        Map<String, RecordResult> told = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failovers = new AtomicInteger();
        int batches = COUNTERS * ROUNDS;
        CyclicBarrier[] pairs = new CyclicBarrier[COUNTERS / 2];
        for (int p = 0; p < pairs.length; p++) {
            pairs[p] = new CyclicBarrier(2);
        }
        ExecutorService pool = Executors.newFixedThreadPool(COUNTERS);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < COUNTERS; c++) {
            int counter = c;
            done.add(pool.submit(() -> {
                SyncClient[] clients = {new SyncClient(addresses[0], tokens.get(counter), Duration.ofSeconds(20)),
                        new SyncClient(addresses[1], tokens.get(counter), Duration.ofSeconds(20))};
                int preferred = counter % 2;
                for (int round = 0; round < ROUNDS; round++) {
                    List<SyncRecord> records = new ArrayList<>();
                    for (int f = 0; f < FAMILIES_PER_BATCH; f++) {
                        family(records, idNumber(counter, round, f, 0), idNumber(counter, round, f, 1));
                    }
                    for (SyncRecord record : records) {
                        sent.put(key(record), new Sent(township(counter), record, false));
                    }
                    // the racing family: the same person as the pair's other counter, this round
                    List<SyncRecord> racing = new ArrayList<>();
                    family(racing, racingIdNumber(counter / 2, round), null);
                    for (SyncRecord record : racing) {
                        sent.put(key(record), new Sent(township(counter), record, true));
                    }
                    records.addAll(racing);
                    UploadBatch batch = new UploadBatch(UUID.randomUUID().toString(), device(counter),
                            township(counter), "测试", records);
                    try {
                        pairs[counter / 2].await(5, TimeUnit.SECONDS);
                    } catch (Exception notTogether) {
                        // the other counter is retrying against the surviving hub: go on without it
                    }
                    BatchAnswer answer = null;
                    for (int attempt = 0; answer == null; attempt++) {
                        try {
                            answer = clients[preferred].upload(batch);
                        } catch (IOException lost) {
                            if (attempt > 40) {
                                throw lost;
                            }
                            // the same batch, the same id, to the other hub
                            preferred = 1 - preferred;
                            failovers.incrementAndGet();
                            Thread.sleep(100);
                        }
                    }
                    assertEquals(records.size(), answer.results().size());
                    for (RecordResult result : answer.results()) {
                        told.put(result.entity() + "/" + result.id() + "/" + result.revision(), result);
                    }
                    answered.incrementAndGet();
                }
                return null;
            }));
        }
        // kill -9 the first hub when about a third of the batches are answered
        while (answered.get() < batches / 3 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(5);
        }
        assertTrue(hubs[0].isAlive(), "the first hub was running when killed");
        hubs[0].destroyForcibly();
        int answeredAtKill = answered.get();
        for (Future<?> future : done) {
            future.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        System.out.printf("replicas: %d batches, %d records in %.1f s; hub 0 killed after %d batches; %d batches sent again%n",
                batches, sent.size(), (System.nanoTime() - start) / 1e9, answeredAtKill, failovers.get());
        assertTrue(answeredAtKill < batches, "killed midway: " + answeredAtKill + " of " + batches);
        assertTrue(failovers.get() > 0, "some counters sent a batch again to the other hub");

        // every record answered, own ones accepted; of each racing pair exactly one enrolment
        assertEquals(sent.keySet(), told.keySet());
        Map<String, List<String>> races = new HashMap<>();
        Map<String, Long> enrolledPerTownship = new HashMap<>();
        long storedExpected = 0;
        for (Map.Entry<String, Sent> entry : sent.entrySet()) {
            RecordResult result = told.get(entry.getKey());
            Sent what = entry.getValue();
            String answer = result.code() == null ? result.status().name() : result.status() + " " + result.code();
            if (what.racing() && what.record().entity().equals("enrollment")) {
                String person = personIdNumberOfRace(what.record(), sent);
                races.computeIfAbsent(person, k -> new ArrayList<>()).add(answer);
            } else {
                assertEquals("ACCEPTED", answer, entry.getKey());
            }
            if (result.status() == RecordResult.Status.ACCEPTED) {
                storedExpected++;
                if (what.record().entity().equals("enrollment")) {
                    enrolledPerTownship.merge(what.township(), 1L, Long::sum);
                }
            }
        }
        assertEquals(COUNTERS / 2 * ROUNDS, races.size());
        for (Map.Entry<String, List<String>> race : races.entrySet()) {
            assertEquals(List.of("ACCEPTED", "REJECTED DUPLICATE_ENROLLMENT"), race.getValue().stream().sorted().toList(),
                    "race over one person");
        }

        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            assertEquals(storedExpected, count(statement, "SELECT count(*) FROM sync_record"), "every record once");
            assertEquals(batches, count(statement, "SELECT count(*) FROM batch WHERE answer <> ''"), "every batch once");
            assertEquals(0, count(statement, """
                    SELECT count(*) FROM (SELECT person_identity, policy_year FROM hub_enrollment
                    WHERE status <> 'cancelled' GROUP BY person_identity, policy_year HAVING count(*) > 1) twice"""));
        }
        try (Hub reader = Hub.open(url, Clock.systemUTC())) {
            Map<String, Long> stats = new HashMap<>();
            for (Map<String, Object> row : reader.stats()) {
                stats.merge((String) row.get("township"), (Long) row.get("enrollments"), Long::sum);
            }
            assertEquals(enrolledPerTownship, stats, "the statistics equal the counters' accepted enrolments");
        }
        assertTrue(hubs[1].isAlive(), "the surviving hub is still up");
    }

    private static String personIdNumberOfRace(SyncRecord enrollment, Map<String, Sent> sent) {
        String person = enrollment.payload().replaceAll(".*\"person\":\"([^\"]+)\".*", "$1");
        String payload = sent.get("person/" + person + "/1").record().payload();
        return payload.replaceAll(".*\"idNumber\":\"([^\"]+)\".*", "$1");
    }

    /** A household of one or two adults born in the 1950s–80s, each enrolled for 2022 (320 yuan, tier 1). */
    private static void family(List<SyncRecord> records, String first, String second) {
        String household = UUID.randomUUID().toString();
        records.add(new SyncRecord("household", household, 1, "{\"number\":\"1\",\"village\":\"一村\"}"));
        for (String idNumber : second == null ? List.of(first) : List.of(first, second)) {
            String person = UUID.randomUUID().toString();
            String birth = idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14);
            records.add(new SyncRecord("person", person, 1, "{\"household\":\"" + household + "\",\"idNumber\":\""
                    + idNumber + "\",\"birthDate\":\"" + birth + "\"}"));
            records.add(new SyncRecord("enrollment", UUID.randomUUID().toString(), 1, "{\"person\":\"" + person
                    + "\",\"policyYear\":2022,\"status\":\"paid\",\"kind\":\"own\",\"tier\":1,"
                    + "\"paymentDate\":\"2022-01-10\",\"payableFen\":32000,\"benefitStart\":\"2022-01-01\"}"));
        }
    }

    private static String idNumber(int counter, int round, int family, int member) {
        return withCheck(String.format("5%02d2%02d19%02d0101%03d", counter, round, 50 + family, member));
    }

    private static String racingIdNumber(int pair, int round) {
        return withCheck(String.format("5%02d9%02d19800101000", pair, round));
    }

    private static String withCheck(String first17) {
        return first17 + ResidentId.checkCharacter(first17);
    }

    private static String key(SyncRecord record) {
        return record.entity() + "/" + record.id() + "/" + record.revision();
    }

    private static String device(int counter) {
        return "柜台" + counter;
    }

    /** Two counters per township; the pairs that race are of different townships. */
    private static String township(int counter) {
        return "镇" + (counter % (COUNTERS / 2));
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy(URI address, Process process, int index) throws Exception {
        SyncClient client = new SyncClient(address, null, Duration.ofSeconds(2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                client.checkHealth();
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("hub " + index + " did not start: "
                            + Files.readString(folder.resolve("hub" + index + ".err")), notYet);
                }
                Thread.sleep(100);
            }
        }
    }
}
