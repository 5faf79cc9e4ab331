package canbao.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A person's coverage history as this counter knows it: its own paid enrolments and declared years. */
public interface HistoryDao {

    /** Years the person holds a paid (own or with a guardian) enrolment at this counter. */
    @SqlQuery("SELECT DISTINCT policy_year FROM enrollment WHERE person_id = ? AND status = 'paid' ORDER BY 1")
    List<Integer> enrolledYears(String personId);

    record Declared(int year, String evidence) {
    }

    @SqlQuery("SELECT year, evidence FROM declared_coverage WHERE person_id = ? AND deleted = 0 ORDER BY year")
    List<Declared> declaredYears(String personId);

    @SqlUpdate("""
            INSERT INTO declared_coverage (id, person_id, year, evidence, revision, created_at, updated_at,
                                           created_by, updated_by)
            SELECT :id, :person, :year, :evidence, 1, :at, :at, :by, :by
            WHERE NOT EXISTS (SELECT 1 FROM declared_coverage WHERE person_id = :person AND year = :year AND deleted = 0)""")
    int declare(@Bind("id") String id, @Bind("person") String personId, @Bind("year") int year,
                @Bind("evidence") String evidence, @Bind("at") Instant at, @Bind("by") String operator);
}
