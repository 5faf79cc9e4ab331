package canbao.hub;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the hub's PostgreSQL tests run on: {@code CANBAO_TEST_POSTGRES_URL}, a JDBC URL
 * with user and password (`.ci/run` installs PostgreSQL from Debian's packages, starts it and sets
 * this). Without it the tests are skipped on a developer's machine, but fail under CI: there a
 * missing server must not pass as green.
 */
final class TestPostgres {

    static final String VARIABLE = "CANBAO_TEST_POSTGRES_URL";

    private TestPostgres() {
    }

    /** The server's URL, its public schema emptied so the hub's migrations start from nothing. */
    static String emptyDatabase() throws SQLException {
        String url = System.getenv(VARIABLE);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(VARIABLE + " is not set: .ci/run must start PostgreSQL");
            }
            Assumptions.abort(VARIABLE + " not set: no PostgreSQL server to test the hub on");
        }
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        return url;
    }
}
