package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch's key lookups on PostgreSQL read the keys' indexes, not the tables: at a municipality's 20
 * million records a lookup by id alone (what the hub did) read every record for every batch.
 */
class HubQueryPlanTest {

    @Test
    void aBatchsKeyLookupsUseTheKeysIndexesOnALargeTable() throws Exception {
        String url = TestPostgres.emptyDatabase();
        try (Hub hub = Hub.open(url, Clock.systemUTC())) {
            assertEquals("force_custom_plan", hub.sessionSetting("plan_cache_mode"),
                    "plans are made for the tables as they are, not cached from when they were small");
        }
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            String entity = "(ARRAY['household','person','enrollment','person_category'])[1 + g % 4]";
            statement.execute("INSERT INTO sync_record (entity, id, revision, content_hash, payload, device, township, "
                    + "batch_id, received_at) SELECT " + entity + ", md5(g::text), 1, md5(g::text), repeat('x', 300), "
                    + "'d', 't', 'b', '2026-11-29T00:00:00Z' FROM generate_series(1, 200000) g");
            statement.execute("INSERT INTO record_owner (entity, id, device, township) SELECT " + entity
                    + ", md5(g::text), 'd', 't' FROM generate_series(1, 200000) g");
            statement.execute("INSERT INTO hub_mark (id, person_id, policy_year, kind, deleted, revision) SELECT "
                    + "md5(g::text), md5((g % 50000)::text), 2020 + g % 6, 'elsewhere', 0, 1 "
                    + "FROM generate_series(1, 200000) g");
            statement.execute("ANALYZE hub_mark");
            statement.execute("ANALYZE sync_record");
            statement.execute("ANALYZE record_owner");
            for (String lookup : List.of(BatchSnapshot.HELD, BatchSnapshot.OWNED, BatchSnapshot.PERSON_PAYLOADS,
                    BatchSnapshot.MARKS + "person_id IN", BatchSnapshot.MARKS + "id IN")) {
                String plan = plan(statement, lookup.replace("?", "'person'") + " (md5('1'), md5('2'), md5('none'))");
                assertTrue(plan.contains("Index") && !plan.contains("Seq Scan") && cost(plan) < 100, plan);
            }
            // the form the hub used before, for contrast: by id alone, the whole index or table is read
            String before = plan(statement, "SELECT entity, id FROM sync_record WHERE id IN (md5('1'), md5('2'))");
            assertTrue(cost(before) > 1000, before);
        }
    }

    private static String plan(Statement statement, String sql) throws java.sql.SQLException {
        StringBuilder plan = new StringBuilder(sql).append('\n');
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /** The planner's total cost of the plan's top node ("cost=0.42..12.70"). */
    private static double cost(String plan) {
        java.util.regex.Matcher cost = java.util.regex.Pattern.compile("cost=[\\d.]+\\.\\.([\\d.]+)").matcher(plan);
        assertTrue(cost.find(), plan);
        return Double.parseDouble(cost.group(1));
    }
}
