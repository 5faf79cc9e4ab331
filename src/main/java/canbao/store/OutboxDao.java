package canbao.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface OutboxDao {

    @SqlUpdate("""
            INSERT INTO outbox (entity, entity_id, revision, payload, person_id, queued_at)
            VALUES (:entity, :entityId, :revision, :payload, :personId, :queuedAt)""")
    void enqueue(@Bind("entity") String entity, @Bind("entityId") String entityId, @Bind("revision") int revision,
                 @Bind("payload") String payload, @Bind("personId") String personId,
                 @Bind("queuedAt") Instant queuedAt);

    /**
     * A queued change as an import holds it before writing the whole file's in one batch; {@code personId}
     * is the person it is about (null for a household), kept beside the payload for the upload screen.
     */
    record Entry(String entity, String entityId, int revision, String payload, String personId) {
    }

    /** entity/id@revision of every queued change, in upload order (tests, the upload screen). */
    @SqlQuery("SELECT entity || '/' || entity_id || '@' || revision FROM outbox ORDER BY seq")
    List<String> keys();
}
