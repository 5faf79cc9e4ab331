package canbao.store;

import canbao.model.IdMask;
import canbao.model.PersonHit;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Person lookups at the counter. Prefix searches bind the whole pattern ('张%') against a NOCASE
 * index and order by that index, so SQLite reads only the first rows of the range.
 */
public interface SearchDao {

    String COLUMNS = """
            SELECT p.id AS person_id, p.name, p.id_number, p.birth_certificate_no, p.birth_date, p.relation,
                   h.id AS household_id, h.number, h.village
            FROM person p JOIN household h ON h.id = p.household_id
            """;

    String BY_ID_NUMBER = COLUMNS + "WHERE p.id_number = :idNumber AND p.deleted = 0";
    String BY_NAME_PREFIX = COLUMNS + """
            WHERE p.name LIKE :pattern ESCAPE '\\' AND p.deleted = 0
            ORDER BY p.name COLLATE NOCASE LIMIT :limit""";
    String BY_INITIALS_PREFIX = COLUMNS + """
            WHERE p.name_initials LIKE :pattern ESCAPE '\\' AND p.deleted = 0
            ORDER BY p.name_initials COLLATE NOCASE LIMIT :limit""";

    @SqlQuery(BY_ID_NUMBER)
    List<PersonHit> byIdNumber(@Bind("idNumber") String idNumber);

    @SqlQuery(BY_NAME_PREFIX)
    List<PersonHit> byNamePrefix(@Bind("pattern") String pattern, @Bind("limit") int limit);

    @SqlQuery(BY_INITIALS_PREFIX)
    List<PersonHit> byInitialsPrefix(@Bind("pattern") String pattern, @Bind("limit") int limit);

    @SqlQuery(COLUMNS + """
            WHERE h.number = :number COLLATE NOCASE AND p.deleted = 0 AND h.deleted = 0
            ORDER BY p.rowid LIMIT :limit""")
    List<PersonHit> byHouseholdNumber(@Bind("number") String number, @Bind("limit") int limit);

    final class HitMapper implements RowMapper<PersonHit> {
        @Override
        public PersonHit map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            String idNumber = rs.getString("id_number");
            return new PersonHit(rs.getString("person_id"), rs.getString("name"),
                    idNumber == null ? rs.getString("birth_certificate_no") : IdMask.mask(idNumber),
                    Rows.date(rs, "birth_date"), rs.getString("relation"), rs.getString("household_id"),
                    rs.getString("number"), rs.getString("village"));
        }
    }
}
