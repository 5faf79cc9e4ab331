package canbao.store;

import canbao.account.SignIn;
import canbao.account.Session;
import canbao.model.Validated;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/** Keys and signed-in folders for tests: the database is encrypted in tests as it is at the counter. */
public final class TestKeys {

    /** The key of folders a test opens with {@link Database#open} directly, fixed so it can reopen them. */
    public static final DataKey KEY = new DataKey("canbao-test-key-0123456789abcdef".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
    public static final String ADMIN = "wangfang";
    public static final String PASSWORD = "xingyi-2026";

    private TestKeys() {
    }

    /** A folder set up as the first run does (兴义镇, 500230, administrator wangfang / xingyi-2026). */
    public static Session setUp(Path folder) {
        Validated<Session> made = new SignIn(folder, Clock.systemUTC()).setUp("兴义镇", "500230", ADMIN, "王芳",
                PASSWORD.toCharArray(), PASSWORD.toCharArray());
        if (!made.isValid()) {
            throw new IllegalStateException(made.problems().toString());
        }
        return made.value();
    }

    /** A plain JDBC connection to an encrypted database file, for tests that look under the store. */
    public static Connection connect(Path databaseFile, DataKey key) throws SQLException {
        return Database.connect(databaseFile, key);
    }
}
