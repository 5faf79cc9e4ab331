package canbao.bench;

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

    /** One round's figures, seconds: the plain-table load, the same rows into the same schema, the import, again. */
    record Round(double plainTable, double sameSchema, double imported, double again) {
    }

    int run(int rows, int rounds) throws Exception {
        List<Round> done = rounds(rows, rounds);
        double[] plain = done.stream().mapToDouble(Round::plainTable).toArray();
        double[] same = done.stream().mapToDouble(Round::sameSchema).toArray();
        double[] imported = done.stream().mapToDouble(Round::imported).toArray();
        double[] toSame = done.stream().mapToDouble(r -> r.sameSchema() / r.imported()).toArray();
        double[] toPlain = done.stream().mapToDouble(r -> r.plainTable() / r.imported()).toArray();
        out.printf("import of %,d rows, %d rounds (ranges): import %s s; same-schema floor %s s; plain-table floor %s s%n",
                rows, rounds, range(imported, "%.2f"), range(same, "%.2f"), range(plain, "%.2f"));
        out.printf("  ratio floor/import (1.0 = as fast as the floor): same schema %s, plain table %s%n",
                range(toSame, "%.2f"), range(toPlain, "%.3f"));
        out.printf("  heap: at most %,d MB used (peak of the heap's pools), of %,d MB allowed (-Xmx)%n",
                peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        return 0;
    }

    static String range(double[] values, String format) {
        double min = java.util.Arrays.stream(values).min().orElse(Double.NaN);
        double max = java.util.Arrays.stream(values).max().orElse(Double.NaN);
        return String.format(format, min) + "–" + String.format(format, max);
    }

    List<Round> rounds(int rows, int rounds) throws Exception {
        List<Round> done = new java.util.ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            done.add(round(rows, round));
        }
        return done;
    }

    private Round round(int rows, int round) throws Exception {
        Path work = Files.createTempDirectory("canbao-bench-import");
        try {
            Path csv = work.resolve("roster.csv");
            write(csv, rows);

            // floors and import alike on an encrypted database, so the ratio is our code's, not the cipher's
            DataKey key = DataKey.random();
            double baseline = baseline(csv, work.resolve("plain.db"), key);
            double imported;
            double reimported;
            try (Database database = Database.open(work.resolve("data"), key)) {
                RosterImport imports = new RosterImport(new RosterStore(database, Clock.systemUTC()),
                        PolicyLibrary.builtIn(), Clock.systemUTC());
                long start = System.nanoTime();
                RosterImport.Report first = imports.run(RosterImport.Kind.ROSTER, csv, "基准", (d, total) -> { });
                imported = (System.nanoTime() - start) / 1e9;
                if (!first.isValid()) {
                    List<?> problems = first.outcome().problems();
                    throw new IllegalStateException(problems.subList(0, Math.min(3, problems.size())).toString());
                }
                out.printf("round %d: roster of %,d rows (%,d households and persons created)%n", round, rows,
                        first.outcome().created());
                out.printf("  plain-table floor, the same CSV into one table without indexes: %.2f s (%,.0f rows/s)%n",
                        baseline, rows / baseline);
                out.printf("  import (checked, households + persons + outbox + audit, one transaction): %.2f s "
                        + "(%,.0f rows/s)%n", imported, rows / imported);
                long pages = database.jdbi().withHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
                long pageSize = database.jdbi().withHandle(h -> h.createQuery("PRAGMA page_size").mapTo(Long.class).one());
                out.printf("  database after the import: %,.1f MB (%,d pages of %,d bytes; WAL not counted)%n",
                        pages * pageSize / 1e6, pages, pageSize);
                start = System.nanoTime();
                RosterImport.Report again = imports.run(RosterImport.Kind.ROSTER, csv, "基准", (d, total) -> { });
                reimported = (System.nanoTime() - start) / 1e9;
                out.printf("  the same file again: %.2f s (%,.0f rows/s), %,d unchanged%n", reimported,
                        rows / reimported, again.outcome().unchanged());
            }
            // the rows the import left, written again with plain JDBC into a fresh database of the same schema
            double same = SameSchemaFloor.copy(work.resolve("data").resolve(Database.FILE_NAME),
                    work.resolve("floor"), key, SameSchemaFloor.IMPORT_TABLES);
            out.printf("  same-schema floor (those rows, same tables and indexes, one statement per table, one "
                    + "transaction): %.2f s%n", same);
            out.printf("  ratio floor/import: same schema %.2f, plain table %.3f%n", same / imported,
                    baseline / imported);
            return new Round(baseline, same, imported, reimported);
        } finally {
            WorkFolder.delete(work);
        }
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
