package canbao.sync;

import java.util.List;

/**
 * What a counter uploads at once; the batch id makes a re-sent batch answer the same. {@code protocol}
 * is the version of the wire format ({@link SyncCodec#PROTOCOL_VERSION}); null in a batch from a counter
 * older than the field, which spoke version 1.
 */
public record UploadBatch(String batchId, String deviceId, String township, String operator,
                          List<SyncRecord> records, Integer protocol) {

    public UploadBatch {
        records = List.copyOf(records);
    }

    /** A batch in this program's protocol version. */
    public UploadBatch(String batchId, String deviceId, String township, String operator, List<SyncRecord> records) {
        this(batchId, deviceId, township, operator, records, SyncCodec.PROTOCOL_VERSION);
    }

    /** The version the batch speaks: as it says, or 1 when it says none (counters older than the field). */
    public int protocolVersion() {
        return protocol == null ? 1 : protocol;
    }
}
