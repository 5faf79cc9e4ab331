package canbao.hub;

import org.junit.jupiter.api.BeforeEach;

/**
 * The hub's rules on its record-by-record path (a few statements per record, each in a savepoint):
 * the path a batch falls back to when its set-based writing meets what the snapshot did not foresee.
 */
class HubRecordByRecordTest extends HubTest {

    @BeforeEach
    void recordByRecord() {
        hub.recordByRecord(true);
    }
}
