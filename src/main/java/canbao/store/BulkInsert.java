package canbao.store;

import canbao.model.Household;
import canbao.model.Person;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Plain JDBC batches for whole-file imports, inside the caller's transaction: binding a hundred
 * thousand rows through Jdbi's bean binding took longer than SQLite took to store them (JFR).
 * The columns are those of {@link HouseholdDao#INSERT}, {@link PersonDao#INSERT} and the outbox.
 */
final class BulkInsert {

    private static final int CHUNK = 5000;

    private BulkInsert() {
    }

    static void households(Connection connection, List<Household> households) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO household (id, number, village, group_name, address, phone,
                                       revision, created_at, updated_at, created_by, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int n = 0;
            for (Household h : households) {
                insert.setString(1, h.id());
                insert.setString(2, h.number());
                insert.setString(3, h.village());
                text(insert, 4, h.groupName());
                text(insert, 5, h.address());
                text(insert, 6, h.phone());
                insert.setInt(7, h.audit().revision());
                insert.setString(8, h.audit().createdAt().toString());
                insert.setString(9, h.audit().updatedAt().toString());
                insert.setString(10, h.audit().createdBy());
                insert.setString(11, h.audit().updatedBy());
                insert.addBatch();
                if (++n % CHUNK == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    static void persons(Connection connection, List<Person> persons, List<String> initials) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO person (id, household_id, name, name_initials, id_number, birth_certificate_no, birth_date,
                                    sex, ethnicity, relation, employee_insurance_ended_on, graduation_year,
                                    revision, created_at, updated_at, created_by, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < persons.size(); i++) {
                Person p = persons.get(i);
                insert.setString(1, p.id());
                insert.setString(2, p.householdId());
                insert.setString(3, p.name());
                insert.setString(4, initials.get(i));
                text(insert, 5, p.idNumber());
                text(insert, 6, p.birthCertificateNo());
                insert.setString(7, p.birthDate().toString());
                text(insert, 8, p.sex() == null ? null : p.sex().name());
                text(insert, 9, p.ethnicity());
                text(insert, 10, p.relation());
                text(insert, 11, p.employeeInsuranceEndedOn() == null ? null : p.employeeInsuranceEndedOn().toString());
                if (p.graduationYear() == null) {
                    insert.setNull(12, Types.INTEGER);
                } else {
                    insert.setInt(12, p.graduationYear());
                }
                insert.setInt(13, p.audit().revision());
                insert.setString(14, p.audit().createdAt().toString());
                insert.setString(15, p.audit().updatedAt().toString());
                insert.setString(16, p.audit().createdBy());
                insert.setString(17, p.audit().updatedBy());
                insert.addBatch();
                if ((i + 1) % CHUNK == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    static void outbox(Connection connection, List<OutboxDao.Entry> entries, Instant queuedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (entity, entity_id, revision, payload, queued_at, person_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            String at = queuedAt.toString();
            for (int i = 0; i < entries.size(); i++) {
                OutboxDao.Entry e = entries.get(i);
                insert.setString(1, e.entity());
                insert.setString(2, e.entityId());
                insert.setInt(3, e.revision());
                insert.setString(4, e.payload());
                insert.setString(5, at);
                text(insert, 6, e.personId());
                insert.addBatch();
                if ((i + 1) % CHUNK == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static void text(PreparedStatement insert, int index, String value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.VARCHAR);
        } else {
            insert.setString(index, value);
        }
    }
}
