package canbao.model;

import java.time.Instant;

/** What every syncable row carries besides its client-made UUID: revision, when and by whom. */
public record Audit(int revision, Instant createdAt, Instant updatedAt, String createdBy, String updatedBy) {

    public static Audit created(Instant now, String operator) {
        return new Audit(1, now, now, operator, operator);
    }

    public Audit changed(Instant now, String operator) {
        return new Audit(revision + 1, createdAt, now, createdBy, operator);
    }
}
