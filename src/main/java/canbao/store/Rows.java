package canbao.store;

import canbao.model.Audit;
import canbao.model.Enrollment;
import canbao.model.EnrollmentStatus;
import canbao.model.Household;
import canbao.model.Money;
import canbao.model.Person;
import canbao.model.PersonCategory;
import canbao.model.Sex;
import canbao.model.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Row mappers for the model records. Written here rather than as annotations on the records so the
 * model stays free of persistence (ArchitectureTest).
 */
public final class Rows {

    private Rows() {
    }

    public static final class HouseholdMapper implements RowMapper<Household> {
        @Override
        public Household map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Household(rs.getString("id"), rs.getString("number"), rs.getString("village"),
                    rs.getString("group_name"), rs.getString("address"), rs.getString("phone"), audit(rs));
        }
    }

    public static final class PersonMapper implements RowMapper<Person> {
        @Override
        public Person map(ResultSet rs, StatementContext ctx) throws SQLException {
            String sex = rs.getString("sex");
            int graduation = rs.getInt("graduation_year");
            Integer graduationYear = rs.wasNull() ? null : graduation;
            return new Person(rs.getString("id"), rs.getString("household_id"), rs.getString("name"),
                    rs.getString("id_number"), rs.getString("birth_certificate_no"), date(rs, "birth_date"),
                    sex == null ? null : Sex.valueOf(sex), rs.getString("ethnicity"), rs.getString("relation"),
                    date(rs, "employee_insurance_ended_on"), graduationYear, audit(rs));
        }
    }

    public static final class CategoryMapper implements RowMapper<PersonCategory> {
        @Override
        public PersonCategory map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new PersonCategory(rs.getString("id"), rs.getString("person_id"), rs.getString("code"),
                    rs.getString("certified_by"), date(rs, "certified_on"), audit(rs));
        }
    }

    public static final class EnrollmentMapper implements RowMapper<Enrollment> {
        @Override
        public Enrollment map(ResultSet rs, StatementContext ctx) throws SQLException {
            int tier = rs.getInt("tier");
            Tier parsedTier = rs.wasNull() ? null : Tier.ofNumber(tier).orElseThrow();
            return new Enrollment(rs.getString("id"), rs.getString("person_id"), rs.getInt("policy_year"),
                    rs.getString("kind"), parsedTier, date(rs, "payment_date"), rs.getString("receipt_no"),
                    EnrollmentStatus.ofCode(rs.getString("status")), rs.getString("guardian_person_id"),
                    new Money(rs.getLong("payable_fen")), date(rs, "benefit_start"), date(rs, "benefit_end"),
                    rs.getString("table_version"), rs.getString("quote_snapshot"), audit(rs),
                    rs.getString("cancel_reason"));
        }
    }

    static Audit audit(ResultSet rs) throws SQLException {
        return new Audit(rs.getInt("revision"), canbao.model.IsoText.instant(rs.getString("created_at")),
                canbao.model.IsoText.instant(rs.getString("updated_at")), rs.getString("created_by"), rs.getString("updated_by"));
    }



    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return canbao.model.IsoText.date(rs.getString(column));
    }

}
