package canbao.sync;

import java.util.List;

/** What a counter uploads at once; the batch id makes a re-sent batch answer the same. */
public record UploadBatch(String batchId, String deviceId, String township, String operator,
                          List<SyncRecord> records) {

    public UploadBatch {
        records = List.copyOf(records);
    }
}
