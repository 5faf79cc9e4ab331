package canbao.bench;

import canbao.model.Audit;
import canbao.model.Household;
import canbao.model.Localization;
import canbao.model.Person;
import canbao.model.PersonHit;
import canbao.model.Sex;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.ResidentId;
import canbao.store.BulkDao;
import canbao.account.Session;
import canbao.account.SignIn;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.store.PersonSearch;
import canbao.store.PinyinInitials;
import canbao.store.SearchDao;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * {@code canbao bench store}: searches and household saves on a data folder of 1,000,000 persons in
 * 300,000 households. Each search kind is timed through our API (PersonSearch: Jdbi over the pool)
 * and as the same SQL through sqlite-jdbc on an open connection, interleaved in the same run.
 */
final class StoreBenchmark {

    private static final String[] SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            + "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严").split("");
    private static final String[] GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕梅琴云莲"
            + "真环雪荣爱妹香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴"
            + "蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽").split("");

    private final PrintStream out;

    StoreBenchmark(PrintStream out) {
        this.out = out;
    }

    /** The benchmark's folder is set up like a counter's, its (synthetic) data encrypted, so a filled one can be reused. */
    static final String USER = "bench";
    private static final char[] PASSWORD = "bench-synthetic-data".toCharArray();

    static Session signIn(Path folder) {
        SignIn signIn = new SignIn(folder, java.time.Clock.systemUTC());
        if (signIn.firstRun()) {
            var made = signIn.setUp("兴义镇", "500230", USER, "基准", PASSWORD, PASSWORD);
            if (!made.isValid()) {
                throw new IllegalArgumentException("data folder " + folder + ": "
                        + made.problems().get(0).message(canbao.model.Localization.CHINESE));
            }
            return made.value();
        }
        SignIn.Outcome outcome = signIn.signIn(USER, PASSWORD);
        if (outcome instanceof SignIn.Outcome.SignedIn signedIn) {
            return signedIn.session();
        }
        throw new IllegalArgumentException("data folder " + folder + " is not a benchmark folder: give an empty one");
    }

    int run(Path folder, int persons, int households, int queries) throws Exception {
        try (Session session = signIn(folder)) {
            Database database = session.database();
            long have = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM person")
                    .mapTo(Long.class).one());
            if (have > 0 && have < persons) {
                throw new IllegalArgumentException("data folder " + folder + " holds " + have + " persons, not "
                        + persons + ": give --persons " + have + " or an empty folder");
            }
            if (have < persons) {
                long start = System.nanoTime();
                fill(database, persons, households, new Random(1));
                out.printf("filled %s: %,d persons in %,d households in %.1f s%n", database.file(), persons,
                        households, (System.nanoTime() - start) / 1e9);
            } else {
                out.printf("reusing %s: %,d persons%n", database.file(), have);
            }
            List<String[]> sample = sample(database, queries, new Random(2));
            try (PersonSearch search = new PersonSearch(database);
                 Connection raw = Database.connect(database.file(), session.key())) {
                // the same page cache as the pool's connections: with the cipher, a page read from disk is
                // also a page decrypted, and a smaller cache would make the baseline the slower side
                try (java.sql.Statement pragma = raw.createStatement()) {
                    pragma.execute("PRAGMA cache_size = -65536");
                }
                out.printf("search, %d queries of each kind, limit %d (p50 / p95 in ms; raw = same SQL through "
                        + "sqlite-jdbc on an open connection)%n", sample.size(), PersonSearch.DEFAULT_LIMIT);
                compare("full ID number", sample, 0, search, raw, SearchDao.BY_ID_NUMBER, false);
                compare("name prefix", sample, 1, search, raw, SearchDao.BY_NAME_PREFIX, true);
                compare("pinyin initials", sample, 2, search, raw, SearchDao.BY_INITIALS_PREFIX, true);
            }
            last = saves(database, session.key(), 300);
        }
        return 0;
    }

    /** The household saves' figures of the last run, ms: API p50 / p95, same-schema floor p50 / p95. */
    record Saves(double apiP50, double apiP95, double floorP50, double floorP95) {
    }

    Saves last;

    private void compare(String kind, List<String[]> sample, int column, PersonSearch search, Connection raw,
                         String sql, boolean prefix) throws SQLException {
        double[] api = new double[sample.size()];
        double[] direct = new double[sample.size()];
        int rows = 0;
        // the DAO's own SQL, its named parameters as JDBC placeholders: raw runs exactly the same query
        String jdbcSql = sql.replaceAll(":[a-zA-Z]+", "?");
        try (PreparedStatement statement = raw.prepareStatement(jdbcSql)) {
            for (int warm = 0; warm < 2; warm++) {
                for (int i = 0; i < sample.size(); i++) {
                    String query = sample.get(i)[column];
                    String bound = prefix ? PersonSearch.prefixPattern(query) : query;
                    // alternate which goes first so neither always finds the pages warm
                    if (i % 2 == 0) {
                        api[i] = timeApi(search, query);
                        direct[i] = timeRaw(statement, bound);
                    } else {
                        direct[i] = timeRaw(statement, bound);
                        api[i] = timeApi(search, query);
                    }
                    if (warm == 1) {
                        rows += search.search(query, PersonSearch.DEFAULT_LIMIT).size();
                    }
                }
            }
        }
        double apiP50 = percentile(api, 50);
        double apiP95 = percentile(api, 95);
        double rawP50 = percentile(direct, 50);
        double rawP95 = percentile(direct, 95);
        out.printf("  %-16s api %6.3f / %6.3f   raw %6.3f / %6.3f   ratio p50 %.2f  p95 %.2f   (%.1f rows/query)%n",
                kind, apiP50, apiP95, rawP50, rawP95, apiP50 / rawP50, apiP95 / rawP95, rows / (double) sample.size());
    }

    private static double timeApi(PersonSearch search, String query) {
        long start = System.nanoTime();
        List<PersonHit> hits = search.search(query, PersonSearch.DEFAULT_LIMIT);
        double ms = (System.nanoTime() - start) / 1e6;
        if (hits.isEmpty()) {
            throw new IllegalStateException("benchmark query found nothing");
        }
        return ms;
    }

    private static double timeRaw(PreparedStatement statement, String bound) throws SQLException {
        long start = System.nanoTime();
        statement.setString(1, bound);
        if (statement.getParameterMetaData().getParameterCount() > 1) {
            statement.setInt(2, PersonSearch.DEFAULT_LIMIT);
        }
        int rows = 0;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                // read every column, as the API's mapper does
                for (int c = 1; c <= 9; c++) {
                    rs.getString(c);
                }
                rows++;
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (rows == 0) {
            throw new IllegalStateException("benchmark query found nothing");
        }
        return ms;
    }

    /** The tables a household save writes rows into (only inserts: a new household with its members). */
    private static final List<String> SAVE_TABLES = List.of("household", "person", "person_category", "enrollment",
            "outbox", "audit_log");

    /**
     * Household saves through HouseholdService, each followed by its same-schema floor: the rows that
     * save inserted, read back and written again under new keys (ids, ID numbers, 户号, the audit chain
     * continued) with plain JDBC on one open connection of the same settings — one prepared statement
     * per table, batched, BEGIN IMMEDIATE … COMMIT with synchronous=FULL — in the same database.
     */
    private Saves saves(Database database, canbao.store.DataKey key, int count) throws SQLException {
        HouseholdService service = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemDefaultZone());
        double[] ms = new double[count];
        double[] floor = new double[count];
        long run = System.currentTimeMillis() % 100_000;
        try (Connection raw = Database.connect(database.file(), key)) {
            SameSchemaFloor.configure(raw);
            java.util.Map<String, List<String>> columns = new java.util.HashMap<>();
            java.util.Map<String, PreparedStatement> inserts = new java.util.HashMap<>();
            for (String table : SAVE_TABLES) {
                List<String> names = new ArrayList<>(SameSchemaFloor.columns(raw, table));
                if (table.equals("outbox")) {
                    names.remove("seq"); // AUTOINCREMENT, as the outbox's own insert leaves it
                }
                columns.put(table, names);
                inserts.put(table, raw.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", names)
                        + ") VALUES (" + "?, ".repeat(names.size() - 1) + "?)"));
            }
            PreparedStatement head = raw.prepareStatement("""
                    INSERT INTO settings (key, value) VALUES ('auditHead', ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value""");
            for (int i = 0; i < count; i++) {
                List<HouseholdEntry.Member> members = new ArrayList<>();
                for (int m = 0; m < 4; m++) {
                    // birth years 1900-1903 are not used by the filled data, so these numbers are new
                    String first17 = String.format("510000%04d%02d%02d%03d", 1900 + m, 1 + (i / 28) % 12, 1 + i % 28,
                            (int) ((run + i / 336) % 1000));
                    members.add(new HouseholdEntry.Member("测试" + m, first17 + ResidentId.checkCharacter(first17),
                            null, null, m == 0 ? "户主" : "家属", "汉", List.of(), null, null,
                            new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null)));
                }
                HouseholdEntry entry = new HouseholdEntry("B" + run + "-" + i, "基准村", null, null, null, members);
                java.util.Map<String, Long> before = new java.util.HashMap<>();
                for (String table : SAVE_TABLES) {
                    before.put(table, single(raw, "SELECT coalesce(max(rowid), 0) FROM " + table));
                }
                long start = System.nanoTime();
                var saved = service.save(entry, "基准");
                ms[i] = (System.nanoTime() - start) / 1e6;
                if (!saved.isValid()) {
                    throw new IllegalStateException("benchmark save refused: " + saved.problems());
                }
                floor[i] = floorSave(raw, columns, inserts, head, before);
            }
            for (PreparedStatement insert : inserts.values()) {
                insert.close();
            }
            head.close();
        }
        double[] timed = Arrays.copyOfRange(ms, 20, ms.length);
        double[] floorTimed = Arrays.copyOfRange(floor, 20, floor.length);
        Saves saves = new Saves(percentile(timed, 50), percentile(timed, 95), percentile(floorTimed, 50),
                percentile(floorTimed, 95));
        out.printf("household save (4 members, each enrolled; synchronous=FULL), %d saves: p50 %.2f ms, p95 %.2f ms%n",
                timed.length, saves.apiP50(), saves.apiP95());
        out.printf("  same-schema floor (the same rows under new keys, plain JDBC, one transaction): p50 %.2f ms, "
                + "p95 %.2f ms; ratio save/floor p50 %.2f, p95 %.2f%n", saves.floorP50(), saves.floorP95(),
                saves.apiP50() / saves.floorP50(), saves.apiP95() / saves.floorP95());
        return saves;
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows the save just inserted, written again under new keys; ms for the writes and the commit. */
    private static double floorSave(Connection raw, java.util.Map<String, List<String>> columns,
                                    java.util.Map<String, PreparedStatement> inserts, PreparedStatement head,
                                    java.util.Map<String, Long> before) throws SQLException {
        java.util.Map<String, List<Object[]>> rows = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> renamed = new java.util.LinkedHashMap<>();
        for (String table : SAVE_TABLES) {
            List<String> names = columns.get(table);
            List<Object[]> found = new ArrayList<>();
            try (PreparedStatement read = raw.prepareStatement("SELECT " + String.join(", ", names) + " FROM "
                    + table + " WHERE rowid > ? ORDER BY rowid")) {
                read.setLong(1, before.get(table));
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        Object[] row = new Object[names.size()];
                        for (int c = 0; c < row.length; c++) {
                            row[c] = rs.getObject(c + 1);
                        }
                        found.add(row);
                        if (!table.equals("outbox") && !table.equals("audit_log")) {
                            renamed.put((String) row[names.indexOf("id")], UUID.randomUUID().toString());
                        }
                        if (table.equals("person") && row[names.indexOf("id_number")] instanceof String number) {
                            renamed.put(number, "9" + number.substring(1));
                        }
                        if (table.equals("household")) {
                            renamed.put((String) row[names.indexOf("number")], "F" + row[names.indexOf("number")]);
                        }
                    }
                }
            }
            rows.put(table, found);
        }
        // new keys everywhere they appear (columns and JSON payloads); the audit chain continued from its end
        long seq;
        String hash;
        try (java.sql.Statement statement = raw.createStatement();
             ResultSet rs = statement.executeQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            rs.next();
            seq = rs.getLong(1);
            hash = rs.getString(2);
        }
        List<String> audit = columns.get("audit_log");
        for (java.util.Map.Entry<String, List<Object[]>> table : rows.entrySet()) {
            for (Object[] row : table.getValue()) {
                for (int c = 0; c < row.length; c++) {
                    if (row[c] instanceof String text) {
                        for (java.util.Map.Entry<String, String> rename : renamed.entrySet()) {
                            text = text.replace(rename.getKey(), rename.getValue());
                        }
                        row[c] = text;
                    }
                }
                if (table.getKey().equals("audit_log")) {
                    row[audit.indexOf("seq")] = ++seq;
                    row[audit.indexOf("prev_hash")] = hash;
                    hash = canbao.model.Sha256.hex(hash + seq + row[audit.indexOf("after")]);
                    row[audit.indexOf("hash")] = hash;
                }
            }
        }
        long start = System.nanoTime();
        try (java.sql.Statement statement = raw.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            for (java.util.Map.Entry<String, List<Object[]>> table : rows.entrySet()) {
                if (table.getValue().isEmpty()) {
                    continue;
                }
                PreparedStatement insert = inserts.get(table.getKey());
                for (Object[] row : table.getValue()) {
                    for (int c = 0; c < row.length; c++) {
                        insert.setObject(c + 1, row[c]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            head.setString(1, seq + ":" + hash);
            head.executeUpdate();
            statement.execute("COMMIT");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static List<String[]> sample(Database database, int count, Random random) {
        long persons = database.jdbi().withHandle(h -> h.createQuery("SELECT max(rowid) FROM person")
                .mapTo(Long.class).one());
        List<String[]> sample = new ArrayList<>();
        database.jdbi().useHandle(h -> {
            while (sample.size() < count) {
                long rowid = 1 + (long) (random.nextDouble() * persons);
                h.createQuery("SELECT id_number, name, name_initials FROM person WHERE rowid = ? AND id_number IS NOT NULL")
                        .bind(0, rowid)
                        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2).substring(0, 2),
                            rs.getString(3).substring(0, 2)})
                        .findOne().ifPresent(sample::add);
            }
        });
        return sample;
    }

    private static void fill(Database database, int persons, int households, Random random) {
        Instant now = Instant.now();
        Audit audit = Audit.created(now, "基准");
        List<Household> homes = new ArrayList<>(households);
        for (int h = 0; h < households; h++) {
            homes.add(new Household(UUID.randomUUID().toString(), String.format("%07d", h), "村" + (h % 40), (h % 12) + "组",
                    null, null, audit));
        }
        database.jdbi().useTransaction(handle -> handle.attach(BulkDao.class).insertHouseholds(homes));
        int chunk = 100_000;
        for (int from = 0; from < persons; from += chunk) {
            List<Person> batch = new ArrayList<>(chunk);
            List<String> initials = new ArrayList<>(chunk);
            for (int i = from; i < Math.min(persons, from + chunk); i++) {
                // unique numbers: the day of birth and the sequence come from the person's index
                LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i % 29_000);
                String first17 = String.format("500230%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                        birth.getDayOfMonth(), i / 29_000);
                String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                        + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
                batch.add(new Person(UUID.randomUUID().toString(), homes.get(i % households).id(), name,
                        first17 + ResidentId.checkCharacter(first17), null, birth,
                        (i / 29_000) % 2 == 1 ? Sex.MALE : Sex.FEMALE, "汉", i < households ? "户主" : "家属", null, null,
                        audit));
                initials.add(PinyinInitials.of(name));
            }
            database.jdbi().useTransaction(handle -> handle.attach(BulkDao.class).insertPersons(batch, initials));
        }
        database.jdbi().useHandle(handle -> handle.execute("ANALYZE"));
    }

    static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
