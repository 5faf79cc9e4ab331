package canbao.store;

import canbao.model.Enrollment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.BatchChunkSize;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface EnrollmentDao {

    String INSERT = """
            INSERT INTO enrollment (id, person_id, policy_year, kind, tier, payment_date, receipt_no, status,
                                    guardian_person_id, payable_fen, benefit_start, benefit_end, table_version,
                                    quote_snapshot, revision, created_at, updated_at, created_by, updated_by)
            VALUES (:id, :personId, :policyYear, :kind, :tier, :paymentDate, :receiptNo, :status,
                    :guardianPersonId, :payable, :benefitStart, :benefitEnd, :tableVersion,
                    :quoteSnapshot, :audit.revision, :audit.createdAt, :audit.updatedAt, :audit.createdBy, :audit.updatedBy)""";

    @SqlUpdate(INSERT)
    void insert(@BindMethods Enrollment enrollment);

    @SqlBatch(INSERT)
    @BatchChunkSize(100)
    void insertAll(@BindMethods List<Enrollment> enrollments);

    @SqlQuery("SELECT * FROM enrollment WHERE person_id = ? AND policy_year = ? AND status <> 'cancelled'")
    Optional<Enrollment> findLive(String personId, int policyYear);

    /** {@link #findLive} of several persons (one save's members) in one statement. */
    @SqlQuery("SELECT * FROM enrollment WHERE person_id IN (<persons>) AND policy_year = :year AND status <> 'cancelled'")
    List<Enrollment> findLiveOf(@org.jdbi.v3.sqlobject.customizer.BindList("persons") java.util.Collection<String> personIds,
                                @Bind("year") int policyYear);

    /** The person's enrolment for the year cancelled last, shown when no live one has replaced it. */
    @SqlQuery("""
            SELECT * FROM enrollment WHERE person_id = ? AND policy_year = ? AND status = 'cancelled'
            ORDER BY updated_at DESC, revision DESC LIMIT 1""")
    Optional<Enrollment> findLastCancelled(String personId, int policyYear);

    @SqlUpdate("""
            UPDATE enrollment SET status = 'cancelled', cancel_reason = :reason, revision = revision + 1,
                                  updated_at = :at, updated_by = :by
            WHERE id = :id AND status <> 'cancelled'""")
    int cancel(@Bind("id") String id, @Bind("at") Instant at, @Bind("by") String operator,
               @Bind("reason") String reason);
}
