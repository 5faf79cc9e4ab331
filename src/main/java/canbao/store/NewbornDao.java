package canbao.store;

import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

public interface NewbornDao {

    /** Born on or after {@code since}, with no paid enrolment (a draft is not paid), earliest born first. */
    @SqlQuery("""
            SELECT p.id AS person_id, p.name, p.id_number, p.birth_certificate_no, p.birth_date, p.relation,
                   h.id AS household_id, h.number, h.village
            FROM person p JOIN household h ON h.id = p.household_id
            WHERE p.birth_date >= :since AND p.deleted = 0
              AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.person_id = p.id AND e.status = 'paid')
            ORDER BY p.birth_date, p.rowid""")
    List<canbao.model.PersonHit> unpaidBornSince(@Bind("since") LocalDate since);
}
