package canbao.sync;

/**
 * One queued change as it travels to the hub: the row's client UUID and revision (together the
 * idempotency key) and its JSON at that revision.
 */
public record SyncRecord(String entity, String id, int revision, String payload) {
}
