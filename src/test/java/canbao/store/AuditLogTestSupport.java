package canbao.store;

/** Plays a careful tamperer: recomputes one entry's hash after editing it, as someone who knows the scheme would. */
final class AuditLogTestSupport {

    private AuditLogTestSupport() {
    }

    static void rehash(Database database, long seq) {
        database.jdbi().useHandle(handle -> {
            AuditLog.Entry e = handle.createQuery("SELECT * FROM audit_log WHERE seq = ?").bind(0, seq)
                    .map((rs, ctx) -> new AuditLog.Entry(rs.getLong("seq"), rs.getString("at"), rs.getString("operator"),
                            rs.getString("entity"), rs.getString("entity_id"), rs.getInt("revision"),
                            rs.getString("action"), rs.getString("before"), rs.getString("after"),
                            rs.getString("payload_sha256"), rs.getString("prev_hash"), rs.getString("hash"))).one();
            handle.execute("UPDATE audit_log SET hash = ? WHERE seq = ?", e.recomputed(), seq);
        });
    }
}
