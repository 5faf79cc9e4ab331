package canbao.model;

/**
 * One queued change as the Upload screen lists it: what it is, where it stands with the hub and why,
 * and the household it belongs to (to open and fix it). {@code status} is the outbox status, or
 * {@code superseded} for a parked record whose entity has since been saved again.
 */
public record OutboxEntry(long seq, String entity, String entityId, int revision, String status, int attempts,
                          String lastAttemptAt, String hubCode, String hubMessage, String householdId,
                          String householdNumber, String personName) {

    /** Rejected or in conflict, and not yet put right by a newer revision. */
    public boolean needsAttention() {
        return status.equals("rejected") || status.equals("conflict");
    }
}
