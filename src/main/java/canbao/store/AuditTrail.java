package canbao.store;

import canbao.model.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log as a reader sees it: who, when, what and the row before and after. An entry that refers
 * to an outbox row (V90) shows that row's payload, joined by its key, with a person's card code masked as
 * the entries written before V90 kept it; its row before is the outbox row of the revision before (or,
 * for the first change after V90, the text of the entity's last entry before).
 */
public final class AuditTrail {

    /** Whether the outbox payload an entry refers to is there and hashes to what the entry holds. */
    public enum Payload { OWN_TEXT, INTACT, EDITED, MISSING }

    /** One entry as shown; {@code before} and {@code after} are null when there is nothing to show. */
    public record Line(long seq, String at, String operator, String entity, String entityId, int revision,
                       String action, String before, String after, Payload payload) {
    }

    private final Database database;

    public AuditTrail(Database database) {
        this.database = database;
    }

    /** The last {@code limit} entries, oldest first; of one entity (and one id of it) when given. */
    public List<Line> latest(String entity, String entityId, int limit) {
        StringBuilder where = new StringBuilder();
        if (entity != null) {
            where.append(" WHERE a.entity = :entity");
            if (entityId != null) {
                where.append(" AND a.entity_id = :id");
            }
        }
        String sql = """
                SELECT * FROM (
                    SELECT a.seq, a.at, a.operator, a.entity, a.entity_id, a.revision, a.action, a.before, a.after,
                           a.payload_sha256, o.payload AS payload, ob.payload AS payload_before,
                           CASE WHEN a.payload_sha256 IS NOT NULL AND ob.seq IS NULL AND a.revision > 1 THEN (
                               SELECT p.after FROM audit_log p WHERE p.entity = a.entity AND p.entity_id = a.entity_id
                               AND p.seq < a.seq AND p.payload_sha256 IS NULL ORDER BY p.seq DESC LIMIT 1)
                           END AS text_before
                    FROM audit_log a
                    LEFT JOIN outbox o ON a.payload_sha256 IS NOT NULL AND o.entity = a.entity
                                      AND o.entity_id = a.entity_id AND o.revision = a.revision
                    LEFT JOIN outbox ob ON a.payload_sha256 IS NOT NULL AND ob.entity = a.entity
                                       AND ob.entity_id = a.entity_id AND ob.revision = a.revision - 1
                """ + where + """
                    ORDER BY a.seq DESC LIMIT :limit)
                ORDER BY seq""";
        return database.jdbi().withHandle(handle -> {
            var query = handle.createQuery(sql).bind("limit", limit);
            if (entity != null) {
                query.bind("entity", entity);
                if (entityId != null) {
                    query.bind("id", entityId);
                }
            }
            List<Line> lines = new ArrayList<>();
            query.map((rs, ctx) -> {
                String entityName = rs.getString("entity");
                String sha = rs.getString("payload_sha256");
                if (sha == null) {
                    return new Line(rs.getLong("seq"), rs.getString("at"), rs.getString("operator"), entityName,
                            rs.getString("entity_id"), rs.getInt("revision"), rs.getString("action"),
                            rs.getString("before"), rs.getString("after"), Payload.OWN_TEXT);
                }
                String payload = rs.getString("payload");
                Payload state = payload == null ? Payload.MISSING
                        : Sha256.hex(payload).equals(sha) ? Payload.INTACT : Payload.EDITED;
                String before = rs.getString("payload_before");
                return new Line(rs.getLong("seq"), rs.getString("at"), rs.getString("operator"), entityName,
                        rs.getString("entity_id"), rs.getInt("revision"), rs.getString("action"),
                        before == null ? rs.getString("text_before") : shown(entityName, before),
                        payload == null ? null : shown(entityName, payload), state);
            }).forEach(lines::add);
            return lines;
        });
    }

    /** A payload masked as the audit shows it; null when it no longer reads as a record (edited: not shown). */
    private static String shown(String entity, String payload) {
        try {
            return Outbox.auditText(entity, payload);
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
