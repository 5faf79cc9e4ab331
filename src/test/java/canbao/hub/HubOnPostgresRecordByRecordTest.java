package canbao.hub;

import org.junit.jupiter.api.BeforeEach;

/** The hub's rules on its record-by-record path, on PostgreSQL (its statements differ from SQLite's). */
class HubOnPostgresRecordByRecordTest extends HubOnPostgresTest {

    @BeforeEach
    void recordByRecord() {
        hub.recordByRecord(true);
    }
}
