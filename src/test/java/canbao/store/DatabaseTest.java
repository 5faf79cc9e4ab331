package canbao.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path folder;

    @Test
    void openingAnEmptyFolderCreatesAMigratedDatabaseInWalMode() {
        try (Database database = Database.open(folder.resolve("new"), TestKeys.KEY)) {
            assertTrue(Files.exists(folder.resolve("new").resolve(Database.FILE_NAME)));
            assertEquals("wal", database.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode")
                    .mapTo(String.class).one()));
            int foreignKeys = database.jdbi().withHandle(h -> h.createQuery("PRAGMA foreign_keys")
                    .mapTo(Integer.class).one());
            assertEquals(1, foreignKeys);
            assertEquals(latestMigration(), database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank DESC LIMIT 1")
                    .mapTo(String.class).one()));
        }
    }

    /** The highest version among src/main/resources/db/migration/V<n>__*.sql. */
    private static String latestMigration() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return String.valueOf(files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void firstRunSettingsSurviveReopeningAndTheDeviceIdNeverChanges() {
        String deviceId;
        try (Database database = Database.open(folder, TestKeys.KEY)) {
            WorkplaceSettings settings = new WorkplaceSettings(database);
            assertEquals(Optional.empty(), settings.load());
            settings.save(new Workplace("兴义镇", "500230", "王芳"));
            deviceId = settings.deviceId().orElseThrow();
        }
        try (Database database = Database.open(folder, TestKeys.KEY)) {
            WorkplaceSettings settings = new WorkplaceSettings(database);
            assertEquals(Optional.of(new Workplace("兴义镇", "500230", "王芳")), settings.load());
            settings.save(new Workplace("兴义镇", "500230", "李明"));
            assertEquals(deviceId, settings.deviceId().orElseThrow());
            assertEquals("李明", settings.load().orElseThrow().operator());
        }
    }

    @Test
    void countyCodeMustBeSixDigits() {
        try (Database database = Database.open(folder, TestKeys.KEY)) {
            assertThrows(IllegalArgumentException.class,
                    () -> new WorkplaceSettings(database).save(new Workplace("兴义镇", "5002", "王芳")));
        }
    }

    @Test
    void databaseItselfRefusesASecondLiveEnrolmentAndAPersonWithoutIdentity() {
        try (StoreFixture store = new StoreFixture(folder)) {
            store.households.save(StoreFixture.household("0001",
                    StoreFixture.paying("张三", "500230198003151079", "户主", 1, "2022-01-10")), "王芳");
            var jdbi = store.database.jdbi();
            assertThrows(UnableToExecuteStatementException.class, () -> jdbi.useHandle(h -> h.execute("""
                    INSERT INTO enrollment (id, person_id, policy_year, kind, tier, payment_date, status, payable_fen,
                        table_version, quote_snapshot, revision, created_at, updated_at, created_by, updated_by)
                    SELECT 'x', person_id, policy_year, kind, tier, payment_date, 'paid', 0, 'v', '{}', 1,
                        created_at, updated_at, 'x', 'x' FROM enrollment""")));
            assertThrows(UnableToExecuteStatementException.class, () -> jdbi.useHandle(h -> h.execute("""
                    INSERT INTO person (id, household_id, name, name_initials, birth_date, revision, created_at,
                        updated_at, created_by, updated_by)
                    SELECT 'y', id, '无名', 'wm', '2022-01-01', 1, created_at, updated_at, 'x', 'x' FROM household""")));
        }
    }

    @Test
    void dataFolderComesFromTheFlagThenTheEnvironmentThenHome() {
        assertEquals(Path.of("/d/flag"), DataFolder.resolve("/d/flag", Map.of("CANBAO_DATA", "/d/env"), "/home/u"));
        assertEquals(Path.of("/d/env"), DataFolder.resolve(null, Map.of("CANBAO_DATA", "/d/env"), "/home/u"));
        assertEquals(Path.of("/home/u/.canbao"), DataFolder.resolve(null, Map.of(), "/home/u"));
    }
}
