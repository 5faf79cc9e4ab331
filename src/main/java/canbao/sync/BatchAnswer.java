package canbao.sync;

import java.util.List;

/**
 * The hub's answer to a batch, one result per record, signed by the hub (HMAC-SHA256 over
 * {@link #signedText()}); the counter keeps it as proof of what was uploaded and when.
 */
public record BatchAnswer(String batchId, String receivedAt, List<RecordResult> results, String signature) {

    public BatchAnswer {
        results = List.copyOf(results);
    }

    /** The text the signature covers: batch, time and every result, in order. */
    public String signedText() {
        StringBuilder text = new StringBuilder(batchId).append('\n').append(receivedAt);
        for (RecordResult result : results) {
            text.append('\n').append(result.entity()).append('/').append(result.id()).append('@')
                    .append(result.revision()).append('=').append(result.status())
                    .append(result.code() == null ? "" : ":" + result.code());
        }
        return text.toString();
    }
}
