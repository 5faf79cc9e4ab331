package canbao.store;

import canbao.account.Keyring;
import canbao.account.Session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.hub.Hub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the data folder 0700 and its files 0600 whatever the umask (the JVM's and SQLite's files
 * otherwise follow the process umask, 0644 with the usual 022), and the hub's database 0600.
 */
class PrivateFilesTest {

    @TempDir
    Path folder;

    @Test
    void theDataFolderAndEveryFileInItAreTheOperatorsAlone() throws Exception {
        Path data = folder.resolve("data");
        try (Session session = TestKeys.setUp(data)) {
            // a write, so the WAL and shared-memory files exist
            new WorkplaceSettings(session.database()).saveHubUrl("http://127.0.0.1:1");

            assertEquals("rwx------", permissions(data));
            for (String name : new String[] {Database.FILE_NAME, Database.FILE_NAME + "-wal", Database.FILE_NAME + "-shm",
                    Keyring.FILE_NAME}) {
                assertEquals("rw-------", permissions(data.resolve(name)), name);
            }
        }
        try (var left = Files.list(data)) {
            assertEquals(java.util.List.of(), left.filter(p -> p.toString().endsWith(".tmp")).toList(),
                    "no temporary keyring left behind");
        }
    }

    @Test
    void theHubsSqliteFileIsTheCountysOperatorsAlone() throws Exception {
        Path file = folder.resolve("hub.db");
        try (Hub hub = Hub.open("jdbc:sqlite:" + file, Clock.systemUTC())) {
            hub.registerDevice("兴义镇-1");
        }

        assertEquals("rw-------", permissions(file));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
