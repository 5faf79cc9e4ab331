package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.sync.BatchAnswer;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: "hub.db 644 with the signing key". The key now lives in a 0600 file beside the database (or
 * where {@code --key-file} says), an older database's key is moved out into it, and a database password
 * on the command line is refused.
 */
class HubSecretsTest {

    @TempDir
    Path folder;

    private static BatchAnswer upload(Hub hub, String device) {
        return hub.receive(device, new UploadBatch("b-1", device, "兴义镇", "王芳", List.of(new SyncRecord("household",
                "h-1", 1, "{\"id\":\"h-1\",\"number\":\"0012\",\"village\":\"兴义村\"}"))));
    }

    private String keyInDatabase(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT value FROM hub_setting WHERE name = 'signingKey'")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Test
    void theSigningKeyIsAPrivateFileBesideTheDatabaseAndNotInIt() throws Exception {
        Path db = folder.resolve("hub.db");
        BatchAnswer answer;
        try (Hub hub = Hub.open("jdbc:sqlite:" + db, Clock.systemUTC())) {
            hub.registerDevice("兴义镇-1");
            answer = upload(hub, "兴义镇-1");
        }
        Path key = folder.resolve("hub.db.key");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(null, keyInDatabase(db));
        try (Hub again = Hub.open("jdbc:sqlite:" + db, Clock.systemUTC())) {
            assertTrue(again.verify(answer), "the same key after a restart");
        }
    }

    @Test
    void anOlderDatabasesKeyIsMovedOutIntoTheFile() throws Exception {
        Path db = folder.resolve("hub.db");
        try (Hub hub = Hub.open("jdbc:sqlite:" + db, Clock.systemUTC())) {
            hub.registerDevice("兴义镇-1");
        }
        // as an older release left it: the key in hub_setting, no file
        Files.delete(folder.resolve("hub.db.key"));
        byte[] old = new byte[32];
        java.util.Arrays.fill(old, (byte) 7);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            connection.createStatement().execute("INSERT INTO hub_setting (name, value) VALUES ('signingKey', '"
                    + Base64.getEncoder().encodeToString(old) + "')");
        }

        try (Hub hub = Hub.open("jdbc:sqlite:" + db, Clock.systemUTC())) {
            assertTrue(hub.verify(upload(hub, "兴义镇-1")));
        }

        assertEquals(Base64.getEncoder().encodeToString(old),
                Files.readString(folder.resolve("hub.db.key"), StandardCharsets.US_ASCII).strip());
        assertEquals(null, keyInDatabase(db));
    }

    @Test
    void aDatabasePasswordOnTheCommandLineIsRefused() throws Exception {
        java.lang.reflect.Method run = Class.forName("canbao.Main").getDeclaredMethod("run", String[].class);
        run.setAccessible(true);

        assertEquals(64, run.invoke(null, (Object) new String[] {"hub", "--port", "0", "--db",
                "jdbc:postgresql://127.0.0.1/hub?user=hub&password=secret", "--key-file",
                folder.resolve("k").toString()}));
        assertEquals(64, run.invoke(null, (Object) new String[] {"hub", "token", "--db",
                "jdbc:postgresql://127.0.0.1/hub?user=hub&PASSWORD=secret", "--device", "a", "--township", "兴义镇"}));
        assertEquals(64, run.invoke(null, (Object) new String[] {"hub", "--port", "0", "--db",
                "jdbc:postgresql://127.0.0.1/hub?user=hub"}), "a PostgreSQL hub names its key file");
        assertFalse(Files.exists(folder.resolve("k")));
    }
}
