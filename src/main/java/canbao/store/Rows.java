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
import java.time.Instant;
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
        return new Audit(rs.getInt("revision"), instant(rs.getString("created_at")),
                instant(rs.getString("updated_at")), rs.getString("created_by"), rs.getString("updated_by"));
    }

    /**
     * A stored timestamp as {@link Instant#toString} wrote it ({@code 2025-11-20T02:00:00Z}, with 1–9
     * fraction digits or none), read without the formatter: the 续保 worklist reads two per person (a
     * sixth of its time at 30,000 persons went to {@link Instant#parse}). Anything else goes to
     * {@link Instant#parse}, which answers (or refuses) it as before.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || fraction < 0 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return Instant.parse(text);
        }
        for (int scale = length - 21; scale < 9; scale++) {
            fraction *= 10;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, length > 20 ? fraction : 0);
    }

    /** The decimal number in {@code text[from, to)}, or −1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return date(rs.getString(column));
    }

    /**
     * A stored date as {@link LocalDate#toString} wrote it ({@code 2025-11-20}), read without the formatter
     * (a birth date per person: 30,000 for the 续保 worklist); null stays null, anything else goes to
     * {@link LocalDate#parse}, which answers (or refuses) it as before.
     */
    static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return LocalDate.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return LocalDate.parse(text);
        }
        return LocalDate.of(year, month, day);
    }
}
