package canbao.cli;

import canbao.policy.PolicyLibrary;
import canbao.policy.ResidentId;
import canbao.report.RosterImport;
import canbao.store.DataKey;
import canbao.store.Database;
import canbao.store.RosterStore;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code canbao bench import [--rows N]}: a synthetic household roster of N rows (≈ 3 persons per
 * household) imported as the counter imports it — every line checked, households and persons
 * written with their outbox entries in one transaction — against loading the same CSV rows into a
 * plain table with the same SQLite library (parse, one prepared batch, one transaction), in the same
 * run. Then the same file again (nothing changes).
 */
final class ImportBenchmark {

    private final PrintStream out;

    ImportBenchmark(PrintStream out) {
        this.out = out;
    }

    int run(int rows) throws Exception {
        Path work = Files.createTempDirectory("canbao-bench-import");
        Path csv = work.resolve("roster.csv");
        write(csv, rows);

        // baseline and import alike on an encrypted database, so the ratio is our code's, not the cipher's
        DataKey key = DataKey.random();
        double baseline = baseline(csv, work.resolve("plain.db"), key);
        try (Database database = Database.open(work.resolve("data"), key)) {
            RosterImport imports = new RosterImport(new RosterStore(database, Clock.systemUTC()),
                    PolicyLibrary.builtIn(), Clock.systemUTC());
            long start = System.nanoTime();
            RosterImport.Report first = imports.run(RosterImport.Kind.ROSTER, csv, "基准", (done, total) -> { });
            double imported = (System.nanoTime() - start) / 1e9;
            if (!first.isValid()) {
                List<?> problems = first.outcome().problems();
                throw new IllegalStateException(problems.subList(0, Math.min(3, problems.size())).toString());
            }
            start = System.nanoTime();
            RosterImport.Report again = imports.run(RosterImport.Kind.ROSTER, csv, "基准", (done, total) -> { });
            double reimported = (System.nanoTime() - start) / 1e9;
            out.printf("roster of %,d rows (%,d households and persons created)%n", rows, first.outcome().created());
            out.printf("  baseline, the same CSV into a plain table with sqlite-jdbc: %.2f s (%,.0f rows/s)%n",
                    baseline, rows / baseline);
            out.printf("  import (checked, households + persons + outbox, one transaction): %.2f s (%,.0f rows/s); "
                    + "ratio %.2f%n", imported, rows / imported, baseline / imported);
            out.printf("  the same file again: %.2f s (%,.0f rows/s), %,d unchanged%n", reimported,
                    rows / reimported, again.outcome().unchanged());
            out.printf("  heap: at most %,d MB used (peak of the heap's pools), of %,d MB allowed (-Xmx)%n",
                    peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
        return 0;
    }

    private static long peakHeap() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Households of three: head, spouse, child; valid ID numbers, all different. */
    private static void write(Path csv, int rows) throws Exception {
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            writer.write("户号,村(社区),组,姓名,身份证号,与户主关系,民族,联系电话\n");
            String[] relations = {"户主", "配偶", "子"};
            for (int i = 0; i < rows; i++) {
                int household = i / 3;
                // every row a different number up to 23,520,000 rows: sequence, day, month, year from i
                int rest = i / 1000;
                int day = 1 + rest % 28;
                int month = 1 + rest / 28 % 12;
                int year = 1940 + rest / 336 % 70;
                String first17 = String.format("500230%04d%02d%02d%03d", year, month, day, i % 1000);
                writer.write(String.format("H%06d,村%02d,%d组,村民%d,%s%c,%s,汉,%s%n", household, household % 20,
                        1 + household % 9, i, first17, ResidentId.checkCharacter(first17), relations[i % 3],
                        i % 3 == 0 ? "138" + String.format("%08d", household) : ""));
            }
        }
    }

    private static double baseline(Path csv, Path db, DataKey key) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = Database.connect(db, key);
             Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader)
                     .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE roster (number TEXT, village TEXT, grp TEXT, name TEXT, id_number TEXT,"
                        + " relation TEXT, ethnicity TEXT, phone TEXT)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO roster VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (CSVRecord record : parser) {
                    for (int c = 0; c < 8; c++) {
                        insert.setString(c + 1, record.get(c));
                    }
                    insert.addBatch();
                    if (++n % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
