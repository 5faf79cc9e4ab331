package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.policy.ResidentId;
import canbao.sync.BatchAnswer;
import canbao.sync.SyncCodec;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quote re-check computed ahead of the batch's transaction on the hub's threads gives exactly the
 * answers of one thread and of the check inside the transaction: batches of many enrolments — new
 * families, renewals of persons an earlier batch brought, prior years that change the history, 低保
 * categories that change the subsidy, the same ID number enrolled by two devices, persons revised
 * after their enrolment in the same batch, and about one quote in six wrong — sent in the same order
 * to hubs that differ only in that, with one signing key and one clock: every answer, byte for byte
 * (signature included), and the figures afterwards.
 */
class QuoteRecheckParallelTest {

    @TempDir
    Path folder;

    @Test
    void parallelQuoteRecheckAnswersAsOneThreadAndAsInsideTheTransaction() {
        List<UploadBatch> batches = batches(new Random(1717));
        Clock clock = Clock.fixed(java.time.Instant.parse("2026-01-05T02:00:00Z"), java.time.ZoneOffset.UTC);
        Path key = folder.resolve("hub.key");
        PolicyShelf shelf = PolicyShelf.load(null);
        try (Hub parallel = Hub.open(url("parallel"), null, clock, shelf, key, 4);
             Hub oneThread = Hub.open(url("one"), null, clock, shelf, key, 1);
             Hub inTransaction = Hub.open(url("tx"), null, clock, shelf, key, 1);
             Hub recordByRecord = Hub.open(url("rbr"), null, clock, shelf, key, 4)) {
            inTransaction.quotesAhead(false);
            recordByRecord.recordByRecord(true);
            int mismatches = 0;
            int accepted = 0;
            int duplicates = 0;
            for (UploadBatch batch : batches) {
                BatchAnswer reference = inTransaction.receive(batch.deviceId(), batch);
                String expected = SyncCodec.writeAnswer(reference);
                BatchAnswer answer = parallel.receive(batch.deviceId(), batch);
                // record by record first: a difference is then named
                for (int i = 0; i < reference.results().size(); i++) {
                    assertEquals(reference.results().get(i), answer.results().get(i), "batch " + batches.indexOf(batch)
                            + ", record " + i);
                }
                assertEquals(expected, SyncCodec.writeAnswer(answer), "parallel, batch " + batches.indexOf(batch));
                BatchAnswer one = oneThread.receive(batch.deviceId(), batch);
                BatchAnswer alone = recordByRecord.receive(batch.deviceId(), batch);
                for (int i = 0; i < reference.results().size(); i++) {
                    assertEquals(reference.results().get(i), one.results().get(i), "one thread, batch "
                            + batches.indexOf(batch) + ", record " + i);
                    assertEquals(reference.results().get(i), alone.results().get(i), "record by record, batch "
                            + batches.indexOf(batch) + ", record " + i);
                }
                assertEquals(expected, SyncCodec.writeAnswer(one), "one thread, batch " + batches.indexOf(batch));
                assertEquals(expected, SyncCodec.writeAnswer(alone), "record by record, batch " + batches.indexOf(batch));
                mismatches += (int) answer.results().stream().filter(r -> "QUOTE_MISMATCH".equals(r.code())).count();
                duplicates += (int) answer.results().stream().filter(r -> "DUPLICATE_ENROLLMENT".equals(r.code())).count();
                accepted += (int) answer.results().stream()
                        .filter(r -> r.status() == canbao.sync.RecordResult.Status.ACCEPTED).count();
            }
            assertEquals(inTransaction.stats(), parallel.stats());
            assertEquals(inTransaction.stats(), oneThread.stats());
            assertEquals(inTransaction.stats(), recordByRecord.stats());
            assertTrue(mismatches > 100 && duplicates > 10 && accepted > 1000,
                    mismatches + " mismatches, " + duplicates + " duplicates, " + accepted + " accepted");

            // the parallel hub computed its quotes ahead; only an enrolment whose input the look-ahead
            // could not foresee (a same-person record refused before it) was quoted in the transaction
            long[] counts = parallel.quoteCounts();
            long[] reference = inTransaction.quoteCounts();
            assertEquals(0, reference[0], "the reference computed nothing ahead");
            assertTrue(reference[1] > 300, () -> "quoted in the transaction: " + reference[1]);
            assertTrue(counts[0] > reference[1] * 9 / 10 && counts[1] < reference[1] / 10,
                    () -> "ahead " + counts[0] + ", in the transaction " + counts[1] + "; reference " + reference[1]);
            assertEquals(java.util.Arrays.toString(counts), java.util.Arrays.toString(oneThread.quoteCounts()),
                    "one thread foresaw the same quotes");
        }
    }

    private String url(String name) {
        return "jdbc:sqlite:" + folder.resolve(name + ".db");
    }

    private static List<UploadBatch> batches(Random random) {
        List<String> devices = List.of("兴义镇-1", "龙河镇-1");
        // a pool of ID numbers smaller than the families: the same person comes to both devices
        List<String> idNumbers = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            String first17 = String.format("5002301975%02d%02d%03d", 1 + i % 12, 1 + i % 28, i);
            idNumbers.add(first17 + ResidentId.checkCharacter(first17));
        }
        List<String[]> persons = new ArrayList<>();
        List<UploadBatch> batches = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            String device = devices.get(b % 2);
            String township = device.substring(0, 3);
            List<SyncRecord> records = new ArrayList<>();
            List<String[]> fresh = new ArrayList<>();
            for (int f = 0; f < 40; f++) {
                String household = id("h", random);
                String person = id("p", random);
                String idNumber = idNumbers.get(random.nextInt(idNumbers.size()));
                records.add(new SyncRecord("household", household, 1, "{\"number\":\"" + b + "-" + f + "\"}"));
                records.add(new SyncRecord("person", person, 1, personPayload(household, idNumber)));
                if (random.nextInt(5) == 0) {
                    records.add(new SyncRecord("person_category", "c-" + person, 1,
                            "{\"person\":\"" + person + "\",\"code\":\"DIBAO\",\"deleted\":false}"));
                }
                fresh.add(new String[] {person, household, idNumber, township});
            }
            // enrolments: the new families, and renewals of families an earlier batch of this device brought
            List<String[]> enrolled = new ArrayList<>(fresh);
            persons.stream().filter(p -> p[3].equals(township)).limit(40).forEach(enrolled::add);
            for (String[] p : enrolled) {
                if (random.nextInt(4) == 0) {
                    records.add(enrollment(id("e", random), p[0], 2021, "2020-12-10", random.nextInt(6) == 0 ? 27000 : 28000,
                            "2021-01-01"));
                }
                records.add(enrollment(id("e", random), p[0], 2022, "2022-01-10", random.nextInt(6) == 0 ? 31000 : 32000,
                        "2022-01-01"));
                if (random.nextInt(10) == 0) {
                    // the same person twice in one batch: the second is a duplicate, or a mismatch first
                    records.add(enrollment(id("e", random), p[0], 2022, "2022-01-10", 32000, "2022-01-01"));
                }
                if (random.nextInt(15) == 0) {
                    // the person revised after the enrolment: a later enrolment sees the new revision
                    records.add(new SyncRecord("person", p[0], 2 + b, personPayload(p[1],
                            idNumbers.get(random.nextInt(idNumbers.size())))));
                }
            }
            persons.addAll(fresh);
            batches.add(new UploadBatch(UUID.randomUUID().toString(), device, township, "王芳", records));
        }
        return batches;
    }

    private static String personPayload(String household, String idNumber) {
        return "{\"household\":\"" + household + "\",\"birthDate\":\"1975-" + idNumber.substring(10, 12) + "-"
                + idNumber.substring(12, 14) + "\",\"idNumber\":\"" + idNumber + "\"}";
    }

    private static String id(String kind, Random random) {
        return kind + "-" + Long.toHexString(random.nextLong());
    }

    private static SyncRecord enrollment(String id, String person, int year, String paid, long payableFen,
                                         String start) {
        return new SyncRecord("enrollment", id, 1, ("{\"person\":\"%s\",\"policyYear\":%d,"
                + "\"status\":\"paid\",\"kind\":\"own\",\"tier\":1,\"paymentDate\":\"%s\",\"payableFen\":%d,"
                + "\"benefitStart\":\"%s\"}").formatted(person, year, paid, payableFen, start));
    }
}
