package canbao.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries run for one person or one household at the counter (a quote's history, a renewal) find
 * their rows by index, never by reading a whole table: at a million persons a scan is seconds per
 * member. Checked with SQLite's own EXPLAIN QUERY PLAN on the real schema.
 */
class QueryPlanTest {

    /** A full read of a table; "SCAN x USING INDEX" over a partial index is a scan too. */
    private static final Pattern SCAN = Pattern.compile("\\bSCAN (enrollment|person|person_mark|person_category"
            + "|declared_coverage|household)\\b");

    @TempDir
    Path folder;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aPersonsHistoryIsReadByIndex() throws Exception {
        String history = HistoryDao.class.getMethod("enrolledYears", String.class).getAnnotation(SqlQuery.class).value();
        String declared = HistoryDao.class.getMethod("declaredYears", String.class).getAnnotation(SqlQuery.class)
                .value();

        assertSearchesOnly(history, Map.of("person", "p-1"));
        assertSearchesOnly(declared.replace("?", ":person"), Map.of("person", "p-1"));
    }

    @Test
    void oneHouseholdsRenewalIsReadByIndex() {
        for (String query : RenewalStore.STATEMENTS) {
            assertSearchesOnly(RenewalStore.Scope.household("h-1").sql(query),
                    Map.of("household", "h-1", "year", 2026, "previous", 2025, "lastDay", "2026-12-31"));
        }
    }

    /**
     * The index on household.village COLLATE NOCASE (dropped by V70) served no query: made again, it is
     * not chosen for any of the queries that read households by village, so it was pure cost on writes.
     */
    @Test
    void noQueryUsesTheVillageIndex() {
        database.jdbi().useHandle(handle -> {
            handle.execute("CREATE INDEX household_village ON household (village COLLATE NOCASE)");
            for (int i = 0; i < 200; i++) {
                handle.execute("INSERT INTO household (id, number, village, revision, created_at, updated_at, "
                        + "created_by, updated_by) VALUES (?, ?, ?, 1, 't', 't', 'o', 'o')", "h" + i, "n" + i,
                        "村" + i % 7);
            }
            handle.execute("ANALYZE");
        });
        for (String query : List.of(RenewalStore.Scope.village("村1").sql(RenewalStore.PERSONS),
                RenewalStore.Scope.village("村1").sql(RenewalStore.HOUSEHOLDS),
                // RenewalStore.villages()
                "SELECT DISTINCT village FROM household WHERE deleted = 0 ORDER BY village",
                // CoverageStore's per-village counts, their grouping and order
                "SELECT h.village, count(*) FROM person p JOIN household h ON h.id = p.household_id AND h.deleted = 0 "
                        + "WHERE p.deleted = 0 GROUP BY h.village ORDER BY h.village")) {
            List<String> plan = plan(query, Map.of("village", "村1", "year", 2026, "previous", 2025,
                    "lastDay", "2026-12-31"));
            assertTrue(plan.stream().noneMatch(step -> step.contains("household_village")),
                    () -> "the village index is used:\n" + String.join("\n", plan) + "\nfor\n" + query);
        }
        List<String> indexes = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'household'")
                .mapTo(String.class).list());
        assertTrue(indexes.contains("household_village"), "the test made the index again");
    }

    private List<String> plan(String query, Map<String, Object> binds) {
        return database.jdbi().withHandle(handle -> {
            var explain = handle.createQuery("EXPLAIN QUERY PLAN " + query);
            binds.forEach((name, value) -> {
                if (query.contains(":" + name)) {
                    explain.bind(name, value);
                }
            });
            return explain.map((rows, context) -> rows.getString("detail")).list();
        });
    }

    /** A search by the policy year alone reads a whole year's enrolments: for one household, a scan in all but name. */
    private static final Pattern BY_YEAR_ONLY = Pattern.compile("USING (COVERING )?INDEX \\w+ \\(policy_year[<>=]+\\?\\)");

    private void assertSearchesOnly(String query, Map<String, Object> binds) {
        List<String> plan = database.jdbi().withHandle(handle -> {
            var explain = handle.createQuery("EXPLAIN QUERY PLAN " + query);
            binds.forEach((name, value) -> {
                if (query.contains(":" + name)) {
                    explain.bind(name, value);
                }
            });
            return explain.map((rows, context) -> rows.getString("detail")).list();
        });
        assertFalse(plan.isEmpty());
        assertTrue(plan.stream().noneMatch(step -> SCAN.matcher(step).find() || BY_YEAR_ONLY.matcher(step).find()),
                () -> "a table read whole:\n" + String.join("\n", plan) + "\nfor\n" + query);
    }
}
