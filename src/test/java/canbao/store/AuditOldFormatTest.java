package canbao.store;

import canbao.service.HouseholdService;
import canbao.service.HouseholdEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database whose audit log was written before V90 (every entry with its own copy of the row): the
 * migration adds the reference column without rewriting an entry, the old entries verify as they did
 * and are still guarded, and new entries that refer to the outbox go on from the same chain.
 */
class AuditOldFormatTest {

    private static final String[] OLD = {
        "{\"id\":\"h-1\",\"number\":\"0099\",\"village\":\"兴义村\",\"group\":\"1组\"}",
        "{\"id\":\"h-1\",\"number\":\"0099\",\"village\":\"兴义村\",\"group\":\"2组\"}",
    };

    @TempDir
    Path folder;

    @Test
    void entriesWrittenBeforeTheMigrationStillVerifyAndNewOnesFollowThem() throws Exception {
        Path file = folder.resolve(Database.FILE_NAME);
        // the schema as it stood before V90, and entries as the code before wrote them
        Flyway.configure().dataSource(new OneFile(file)).locations("classpath:db/migration").target("70").load()
                .migrate();
        try (Connection connection = Database.connect(file, TestKeys.KEY)) {
            String prev = AuditLog.GENESIS;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO audit_log (seq, at, operator, entity, entity_id, revision, action, before, after,
                                           prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < 2; i++) {
                    String at = "2026-10-0" + (i + 1) + "T02:00:00Z";
                    String before = i == 0 ? null : OLD[0];
                    String action = i == 0 ? "create" : "change";
                    String hash = AuditLog.hash(prev, i + 1, at, "王芳", "household", "h-1", i + 1, action, before,
                            OLD[i]);
                    Object[] values = {i + 1, at, "王芳", "household", "h-1", i + 1, action, before, OLD[i], prev, hash};
                    for (int c = 0; c < values.length; c++) {
                        insert.setObject(c + 1, values[c]);
                    }
                    insert.executeUpdate();
                    prev = hash;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO settings (key, value) VALUES ('auditHead', '2:" + prev + "')");
            }
        }
        List<String> hashesBefore = hashes(file);

        try (Database database = Database.open(folder, TestKeys.KEY)) {
            assertEquals(hashesBefore, hashes(file), "the migration rewrites no entry");
            AuditVerifier.Result old = new AuditVerifier(database).verify();
            assertTrue(old.intact(), old.problems()::toString);
            assertEquals(2, old.entries());
            List<AuditTrail.Line> shown = new AuditTrail(database).latest(null, null, 10);
            assertEquals(OLD[0], shown.get(1).before());
            assertEquals(OLD[1], shown.get(1).after());
            assertEquals(AuditTrail.Payload.OWN_TEXT, shown.get(1).payload());

            var saved = new HouseholdService(database, PolicyLibrary.builtIn(), new QuoteEngine(Localization.CHINESE),
                    Clock.systemUTC()).save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                    new HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主", "汉", List.of(), null,
                            null, null))), "李明");
            assertTrue(saved.isValid(), saved.problems()::toString);
            AuditVerifier.Result mixed = new AuditVerifier(database).verify();
            assertTrue(mixed.intact(), mixed.problems()::toString);
            assertEquals(4, mixed.entries(), "the two old entries, then a household and a person referring to the outbox");
            assertEquals(2L, (long) database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM audit_log WHERE payload_sha256 IS NOT NULL AND seq > 2").mapTo(Long.class).one()));

            // the old entries are still guarded by their own text
            database.jdbi().useHandle(h -> h.execute("UPDATE audit_log SET after = replace(after, '2组', '5组') WHERE seq = 2"));
            assertEquals(List.of("审计记录第2条的内容被改动过"), new AuditVerifier(database).verify().problems().stream()
                    .map(p -> p.message(Localization.CHINESE)).toList());
        }
    }

    private static List<String> hashes(Path file) throws SQLException {
        try (Connection connection = Database.connect(file, TestKeys.KEY);
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT seq || ' ' || before || ' ' || after || ' ' || hash FROM audit_log "
                     + "ORDER BY seq")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    /** Connections to one encrypted file, for Flyway to migrate it to an older version. */
    private record OneFile(Path file) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return Database.connect(file, TestKeys.KEY);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
