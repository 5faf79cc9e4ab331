package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.policy.ResidentId;
import canbao.sync.RecordResult;
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
 * A batch answered set-based gives exactly the answers the record-by-record path gives: the same
 * batches, in the same order, sent to two hubs, one of each kind — families uploaded, re-sent, revised,
 * cancelled, re-enrolled, the same person enrolled by two devices, in one batch and across batches,
 * revisions of others' records, conflicts, malformed records, categories, quotes the hub does not
 * confirm, persons missing, numbers corrected — and the figures they keep afterwards.
 */
class SetBasedIngestTest {

    @TempDir
    Path folder;

    @Test
    void setBasedAndRecordByRecordAnswerEveryBatchAlike() {
        Random random = new Random(17);
        List<String> devices = List.of("兴义镇-1", "龙河镇-1", "柏梓镇-1");
        List<UploadBatch> batches = new ArrayList<>();
        List<SyncRecord> sent = new ArrayList<>();
        List<String> persons = new ArrayList<>();
        List<String> idNumbers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String first17 = String.format("5002301980%02d%02d%03d", 1 + i % 12, 1 + i, i);
            idNumbers.add(first17 + ResidentId.checkCharacter(first17));
        }
        for (int b = 0; b < 60; b++) {
            String device = devices.get(random.nextInt(devices.size()));
            String township = device.substring(0, 3);
            List<SyncRecord> records = new ArrayList<>();
            int size = 1 + random.nextInt(12);
            for (int r = 0; r < size; r++) {
                int kind = random.nextInt(10);
                if (kind <= 2 || persons.isEmpty()) {
                    // a family: household, person (a number from a small pool: the same person at several devices)
                    String household = "h-" + shortId();
                    String person = "p-" + shortId();
                    String idNumber = idNumbers.get(random.nextInt(idNumbers.size()));
                    records.add(new SyncRecord("household", household, 1, "{\"number\":\"" + b + "\",\"village\":\"村"
                            + random.nextInt(3) + "\"}"));
                    records.add(new SyncRecord("person", person, 1, "{\"household\":\"" + household + "\","
                            + "\"birthDate\":\"1980-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14)
                            + "\",\"idNumber\":\"" + idNumber + "\"}"));
                    persons.add(person + "|" + household + "|" + idNumber);
                } else if (kind <= 5) {
                    String[] p = persons.get(random.nextInt(persons.size())).split("\\|");
                    boolean right = random.nextInt(5) > 0;
                    String status = random.nextInt(6) == 0 ? "cancelled" : random.nextInt(8) == 0 ? "draft" : "paid";
                    records.add(new SyncRecord("enrollment", random.nextInt(4) == 0 && !sent.isEmpty()
                            ? enrollmentIdOf(sent, random) : "e-" + shortId(), 1 + random.nextInt(2),
                            "{\"person\":\"" + p[0] + "\",\"policyYear\":2022,\"status\":\"" + status + "\","
                                    + "\"kind\":\"own\",\"tier\":1,\"paymentDate\":\"2022-01-10\",\"payableFen\":"
                                    + (right ? 32000 : 31000) + ",\"benefitStart\":\"2022-01-01\"}"));
                } else if (kind == 6) {
                    String[] p = persons.get(random.nextInt(persons.size())).split("\\|");
                    records.add(new SyncRecord("person_category", "c-" + p[0], 1 + random.nextInt(2),
                            "{\"person\":\"" + p[0] + "\",\"code\":\"DIBAO\",\"deleted\":" + random.nextBoolean() + "}"));
                } else if (kind == 7 && !sent.isEmpty()) {
                    // something already sent, as it was, or with other content, or as a new revision
                    SyncRecord earlier = sent.get(random.nextInt(sent.size()));
                    int change = random.nextInt(3);
                    records.add(change == 0 ? earlier : new SyncRecord(earlier.entity(), earlier.id(),
                            earlier.revision() + (change == 1 ? 0 : 1), earlier.payload().replace("}", ",\"group\":\"2组\"}")));
                } else if (kind == 8) {
                    // a person's number corrected to another of the pool
                    String[] p = persons.get(random.nextInt(persons.size())).split("\\|");
                    String idNumber = idNumbers.get(random.nextInt(idNumbers.size()));
                    records.add(new SyncRecord("person", p[0], 2 + random.nextInt(2), "{\"household\":\"" + p[1] + "\","
                            + "\"birthDate\":\"1980-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14)
                            + "\",\"idNumber\":\"" + idNumber + "\"}"));
                } else {
                    records.add(new SyncRecord(random.nextBoolean() ? "household" : "spaceship", "x-" + b + "-" + r,
                            random.nextInt(2), random.nextBoolean() ? "not json" : "{\"number\":\"1\"}"));
                }
            }
            sent.addAll(records);
            batches.add(new UploadBatch(UUID.randomUUID().toString(), device, township, "王芳", records));
        }

        // one clock for both: the answers name the time the first enrolment was received
        Clock clock = Clock.fixed(java.time.Instant.parse("2026-01-05T02:00:00Z"), java.time.ZoneOffset.UTC);
        try (Hub setBased = Hub.open("jdbc:sqlite:" + folder.resolve("set.db"), clock);
             Hub oneByOne = Hub.open("jdbc:sqlite:" + folder.resolve("one.db"), clock)) {
            oneByOne.recordByRecord(true);
            int accepted = 0;
            int refused = 0;
            java.util.Set<String> kinds = new java.util.TreeSet<>();
            for (UploadBatch batch : batches) {
                List<String> expected = answers(oneByOne.receive(batch.deviceId(), batch).results());
                List<String> actual = answers(setBased.receive(batch.deviceId(), batch).results());
                assertEquals(expected, actual, "batch " + batches.indexOf(batch));
                accepted += (int) expected.stream().filter(a -> a.contains("ACCEPTED")).count();
                refused += (int) expected.stream().filter(a -> a.contains("REJECTED")).count();
                expected.forEach(a -> kinds.add(a.split(" ")[1] + " " + a.split(" ")[2]));
            }
            assertEquals(oneByOne.stats(), setBased.stats());
            for (String idNumber : idNumbers) {
                assertEquals(oneByOne.coveredYears(idNumber, null), setBased.coveredYears(idNumber, null));
            }
            // the sequence exercised both kinds of answer in number
            assertEquals(true, accepted > 100 && refused > 30, accepted + " accepted, " + refused + " refused");
            assertEquals(true, kinds.containsAll(List.of("ACCEPTED null", "DUPLICATE null", "CONFLICT CONFLICT",
                    "REJECTED MALFORMED", "REJECTED NOT_OWNER", "REJECTED DUPLICATE_ENROLLMENT",
                    "REJECTED QUOTE_MISMATCH")), kinds::toString);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 30);
    }

    private static String enrollmentIdOf(List<SyncRecord> sent, Random random) {
        List<SyncRecord> enrollments = sent.stream().filter(r -> r.entity().equals("enrollment")).toList();
        return enrollments.isEmpty() ? "e-" + shortId() : enrollments.get(random.nextInt(enrollments.size())).id();
    }

    private static List<String> answers(List<RecordResult> results) {
        return results.stream().map(r -> r.entity() + "/" + r.id() + "/" + r.revision() + " " + r.status() + " "
                + r.code() + " " + r.message()).toList();
    }
}
