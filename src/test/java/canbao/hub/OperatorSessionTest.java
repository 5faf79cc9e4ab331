package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress page's session: only an operator's token makes one, and it ends with the token or its time. */
class OperatorSessionTest {

    @TempDir
    Path folder;

    @Test
    void sessionStandsForTheOperatorWhileItsTokenStandsAndItsTimeLasts() {
        String url = "jdbc:sqlite:" + folder.resolve("hub.db");
        String session;
        try (Hub hub = Hub.open(url, Clock.systemUTC())) {
            String operator = hub.registerOperator("李科长");
            String device = hub.registerDevice("兴义镇-1", "兴义镇");

            assertEquals(Optional.empty(), hub.operatorSession(device), "a device's token opens no page");
            assertEquals(Optional.empty(), hub.operatorSession("not-a-token"));
            session = hub.operatorSession(operator).orElseThrow();
            assertEquals(Optional.of("李科长"), hub.sessionOperator(session));

            String[] parts = session.split("\\.");
            assertEquals(Optional.empty(), hub.sessionOperator(parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "."
                    + parts[2]), "a longer session is not the hub's");
            assertEquals(Optional.empty(), hub.sessionOperator("5byg5LiJ." + parts[1] + "." + parts[2]),
                    "another name is not the hub's");
            assertEquals(Optional.empty(), hub.sessionOperator("x"));
            assertEquals(Optional.empty(), hub.sessionOperator(null));

            hub.registerOperator("李科长"); // a new token for the operator
            assertEquals(Optional.empty(), hub.sessionOperator(session), "the old token's sessions end");
            session = hub.operatorSession(hub.registerOperator("李科长")).orElseThrow();
            hub.revokeOperator("李科长");
            assertEquals(Optional.empty(), hub.sessionOperator(session), "a revoked token's sessions end");
            session = hub.operatorSession(hub.registerOperator("李科长")).orElseThrow();
        }
        // nine hours later, on any replica (another process on the same database): over
        try (Hub later = Hub.open(url, Clock.offset(Clock.systemUTC(), Duration.ofHours(9)));
             Hub replica = Hub.open(url, Clock.systemUTC())) {
            assertEquals(Optional.of("李科长"), replica.sessionOperator(session));
            assertEquals(Optional.empty(), later.sessionOperator(session));
            assertTrue(Hub.SESSION_LENGTH.toHours() == 8);
        }
    }
}
