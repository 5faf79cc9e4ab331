package canbao.hub;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The hub's rules on its default store, a SQLite file. */
class HubTest extends HubContract {

    @TempDir
    Path folder;

    @Override
    protected String url() {
        return "jdbc:sqlite:" + folder.resolve("hub.db");
    }

    /** The whole file, bytes read as UTF-8 (a token in clear would show, wherever SQLite put it). */
    @Override
    protected String storedDeviceData() throws Exception {
        return new String(Files.readAllBytes(folder.resolve("hub.db")), StandardCharsets.UTF_8);
    }

    @Override
    protected void empty() throws Exception {
        for (String file : new String[] {"hub.db", "hub.db-wal", "hub.db-shm"}) {
            Files.deleteIfExists(folder.resolve(file));
        }
    }
}
