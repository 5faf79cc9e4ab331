package canbao.sync;

/**
 * The hub's answer for one record. {@code duplicate} (same key, same content) counts as success;
 * {@code conflict} (same key, different content) and {@code rejected} carry a code and a Chinese message.
 */
public record RecordResult(String entity, String id, int revision, Status status, String code, String message) {

    public enum Status {
        ACCEPTED, DUPLICATE, CONFLICT, REJECTED;

        public boolean delivered() {
            return this == ACCEPTED || this == DUPLICATE;
        }
    }
}
