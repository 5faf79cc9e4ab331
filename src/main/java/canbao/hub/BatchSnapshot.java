package canbao.hub;

import canbao.model.EnrollmentStatus;
import canbao.model.MarkKind;
import canbao.model.PersonKey;
import canbao.sync.SyncCodec;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import canbao.sync.UploadRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * A batch answered set-based (issue 17): everything its records can touch is read in about ten
 * statements (the held keys and owners of its ids; the persons it names, by id and by identity, their
 * latest payloads, categories and enrolments; its households), the hub's rules answer each record in
 * order against this copy ({@link HubState}, the same code as the record-by-record path), and what
 * was accepted is written back in a few multi-row statements: the owners and records with
 * {@code ON CONFLICT DO NOTHING} (a row another batch stored meanwhile makes {@link #write} say so,
 * and the batch is answered again record by record), the current rows of the households, persons,
 * enrolments and categories it changed upserted (a revision never replacing a newer one). The
 * persons' identities were locked before the copy was read ({@code Hub.IdentityLocks}), so no other
 * replica changes what the checks read.
 */
final class BatchSnapshot implements HubState {

    private static final int CHUNK = 500;

    /**
     * The lookups of a batch's record keys, each followed by "(?, …)": by entity and id, the leading
     * columns of the tables' keys (by id alone PostgreSQL read the whole table, 53 ms at 400,000 records;
     * {@code HubQueryPlanTest}).
     */
    static final String HELD = "SELECT entity, id, revision, content_hash FROM sync_record WHERE entity = ? AND id IN";
    static final String OWNED = "SELECT entity, id, device, township FROM record_owner WHERE entity = ? AND id IN";
    static final String PERSON_PAYLOADS = "SELECT id, revision, payload FROM sync_record WHERE entity = 'person' AND id IN";
    /** Renewal marks, followed by "person_id IN (…)" or "id IN (…)". */
    static final String MARKS = "SELECT id, person_id, policy_year, kind, deleted, revision FROM hub_mark WHERE ";

    /** sync_record.entity and record_owner.entity are VARCHAR(20). */
    private static final int MAX_ENTITY_LENGTH = 20;
    private static final int ROWS_PER_INSERT = 200;

    private record Enrollment(String id, String personId, int policyYear, EnrollmentStatus status, String device,
                              String township, String receivedAt, int revision, String personIdentity,
                              int uncheckedDuplicate) {
    }

    private record Category(String id, String personId, String code, int deleted, int revision) {
    }

    /** A renewal mark's latest revision (hub_mark): its year counts as covered when its kind says so. */
    private record Mark(String id, String personId, int policyYear, String kind, int deleted, int revision) {
    }

    private record Household(String id, String township, int revision, String village) {
    }

    /** A person's latest stored payload, or why it cannot be read (thrown when a record's checks ask for it). */
    private record Payload(int revision, UploadRecord.Person person, RuntimeException unreadable) {

        static Payload of(int revision, String json) {
            try {
                return new Payload(revision, (UploadRecord.Person) SyncCodec.readStored(UploadRecord.PERSON, json), null);
            } catch (RuntimeException e) {
                return new Payload(revision, null, e);
            }
        }

        UploadRecord.Person read() {
            if (unreadable != null) {
                throw unreadable;
            }
            return person;
        }
    }

    private final Map<String, String> held = new HashMap<>();
    private final Map<String, String[]> owners = new HashMap<>();
    private final Map<String, Person> persons = new HashMap<>();
    private final Map<String, Payload> personPayloads = new HashMap<>();
    private final Map<String, Enrollment> enrollments = new HashMap<>();
    private final Map<String, Category> categories = new HashMap<>();
    private final Map<String, Mark> marks = new HashMap<>();
    private final Map<String, Household> households = new HashMap<>();

    private final List<Object[]> newOwners = new ArrayList<>();
    private final List<Object[]> newRecords = new ArrayList<>();
    private final Set<String> touchedHouseholds = new LinkedHashSet<>();
    private final Set<String> touchedPersons = new LinkedHashSet<>();
    private final Set<String> touchedEnrollments = new LinkedHashSet<>();
    private final Set<String> touchedCategories = new LinkedHashSet<>();
    private final Set<String> touchedMarks = new LinkedHashSet<>();

    /** How to take back the current record's changes, newest first. */
    private final Deque<Runnable> undo = new ArrayDeque<>();

    private BatchSnapshot() {
    }

    // --- reading ---

    /** @param read each record's payload as the codec read it (null: not readable, answered MALFORMED) */
    static BatchSnapshot load(Handle handle, UploadBatch batch, List<UploadRecord> read) throws SQLException {
        BatchSnapshot snapshot = new BatchSnapshot();
        Connection connection = handle.getConnection();
        // by entity: both tables' keys begin with the entity, so a lookup by id alone would read the whole table
        Map<String, Set<String>> idsByEntity = new java.util.TreeMap<>();
        Set<String> personIds = new HashSet<>();
        Set<String> identities = new HashSet<>();
        Set<String> householdIds = new HashSet<>();
        Set<String> enrollmentIds = new HashSet<>();
        Set<String> categoryIds = new HashSet<>();
        Set<String> markIds = new HashSet<>();
        for (int i = 0; i < batch.records().size(); i++) {
            SyncRecord record = batch.records().get(i);
            if (record == null || record.id() == null || record.entity() == null || record.id().length() > 64) {
                continue;
            }
            if (record.entity().length() <= MAX_ENTITY_LENGTH) {
                // a longer entity name cannot be stored, so nothing of it is held or owned
                idsByEntity.computeIfAbsent(record.entity(), e -> new HashSet<>()).add(record.id());
            }
            UploadRecord payload = read.get(i);
            switch (record.entity()) {
                case "household" -> householdIds.add(record.id());
                case "person" -> personIds.add(record.id());
                case "enrollment" -> enrollmentIds.add(record.id());
                case "person_category" -> categoryIds.add(record.id());
                case "person_mark" -> markIds.add(record.id());
                default -> { }
            }
            if (payload instanceof UploadRecord.Person person) {
                identities.add(person.key());
                identities.addAll(PersonKey.lookups(person.idNumber(), person.birthCertificateNo()));
            } else if (payload != null && payload.personId() != null && (payload instanceof UploadRecord.Enrollment
                    || payload instanceof UploadRecord.Category || payload instanceof UploadRecord.Mark)) {
                personIds.add(payload.personId());
            }
        }
        for (Map.Entry<String, Set<String>> entity : idsByEntity.entrySet()) {
            query(connection, HELD, entity.getKey(), entity.getValue(), rows -> snapshot.held.put(
                    key(rows.getString(1), rows.getString(2), rows.getInt(3)), rows.getString(4)));
            query(connection, OWNED, entity.getKey(), entity.getValue(), rows -> snapshot.owners.put(
                    rows.getString(1) + "/" + rows.getString(2), new String[] {rows.getString(3), rows.getString(4)}));
        }
        query(connection, PERSON_PAYLOADS, personIds,
                rows -> snapshot.notePayload(rows.getString(1), rows.getInt(2), rows.getString(3)));
        query(connection, "SELECT id, household_id, identity, revision, insurance_code FROM hub_person WHERE id IN", personIds,
                snapshot::notePerson);
        for (Person person : snapshot.persons.values()) {
            identities.add(person.identity());
        }
        for (Payload payload : snapshot.personPayloads.values()) {
            if (payload.person() != null) {
                identities.addAll(PersonKey.lookups(payload.person().idNumber(), payload.person().birthCertificateNo()));
            }
        }
        identities.remove(PersonKey.NONE);
        query(connection, "SELECT id, household_id, identity, revision, insurance_code FROM hub_person WHERE identity IN",
                identities,
                snapshot::notePerson);
        String enrollmentColumns = "SELECT id, person_id, policy_year, status, device, township, received_at, revision, "
                + "person_identity, unchecked_duplicate FROM hub_enrollment WHERE ";
        // the persons found by identity and those the batch names, read once
        Set<String> persons = new HashSet<>(snapshot.persons.keySet());
        persons.addAll(personIds);
        query(connection, enrollmentColumns + "person_id IN", persons, snapshot::noteEnrollment);
        query(connection, enrollmentColumns + "id IN", enrollmentIds, snapshot::noteEnrollment);
        query(connection, enrollmentColumns + "person_identity IN", identities, snapshot::noteEnrollment);
        String categoryColumns = "SELECT id, person_id, code, deleted, revision FROM hub_category WHERE ";
        query(connection, categoryColumns + "person_id IN", personIds, snapshot::noteCategory);
        query(connection, categoryColumns + "id IN", categoryIds, snapshot::noteCategory);
        // the marks of every person whose covered years a record may ask for, and those the batch names
        query(connection, MARKS + "person_id IN", persons, snapshot::noteMark);
        query(connection, MARKS + "id IN", markIds, snapshot::noteMark);
        query(connection, "SELECT id, township, revision, village FROM hub_household WHERE id IN", householdIds,
                rows -> snapshot.households.put(rows.getString(1), new Household(rows.getString(1), rows.getString(2),
                        rows.getInt(3), rows.getString(4))));
        return snapshot;
    }

    private void notePayload(String id, int revision, String payload) {
        Payload known = personPayloads.get(id);
        if (known == null || known.revision() < revision) {
            personPayloads.put(id, Payload.of(revision, payload));
        }
    }

    private void notePerson(ResultSet rows) throws SQLException {
        persons.put(rows.getString(1), new Person(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                rows.getString(5)));
    }

    private void noteEnrollment(ResultSet rows) throws SQLException {
        enrollments.put(rows.getString(1), new Enrollment(rows.getString(1), rows.getString(2), rows.getInt(3),
                EnrollmentStatus.ofCode(rows.getString(4)), rows.getString(5), rows.getString(6), rows.getString(7), rows.getInt(8),
                rows.getString(9), rows.getInt(10)));
    }

    private void noteMark(ResultSet rows) throws SQLException {
        marks.put(rows.getString(1), new Mark(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                rows.getInt(5), rows.getInt(6)));
    }

    private void noteCategory(ResultSet rows) throws SQLException {
        categories.put(rows.getString(1), new Category(rows.getString(1), rows.getString(2), rows.getString(3),
                rows.getInt(4), rows.getInt(5)));
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    /** {@code sql} followed by "(?, ?, …)" over {@code values}, in chunks. */
    private static void query(Connection connection, String sql, Collection<String> values, RowReader reader)
            throws SQLException {
        query(connection, sql, null, values, reader);
    }

    /** The same, {@code first} bound to the one {@code ?} of {@code sql} before the list (when not null). */
    private static void query(Connection connection, String sql, String first, Collection<String> values,
                              RowReader reader) throws SQLException {
        List<String> all = new ArrayList<>(values);
        int offset = first == null ? 1 : 2;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            try (PreparedStatement statement = connection.prepareStatement(sql + " ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                if (first != null) {
                    statement.setString(1, first);
                }
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + offset, chunk.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        }
    }

    private static String key(String entity, String id, int revision) {
        return entity + "/" + id + "/" + revision;
    }

    // --- one record at a time: its changes kept, or taken back ---

    void begin() {
        undo.clear();
    }

    void commit() {
        undo.clear();
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    private <K, V> void put(Map<K, V> map, K key, V value) {
        boolean had = map.containsKey(key);
        V before = map.put(key, value);
        undo.push(() -> {
            if (had) {
                map.put(key, before);
            } else {
                map.remove(key);
            }
        });
    }

    private void touch(Set<String> touched, String id) {
        if (touched.add(id)) {
            undo.push(() -> touched.remove(id));
        }
    }

    private void append(List<Object[]> list, Object[] row) {
        list.add(row);
        undo.push(() -> list.remove(list.size() - 1));
    }

    // --- HubState ---

    @Override
    public Optional<String> heldHash(String entity, String id, int revision) {
        return Optional.ofNullable(held.get(key(entity, id, revision)));
    }

    @Override
    public Optional<String[]> owner(String entity, String id) {
        return Optional.ofNullable(owners.get(entity + "/" + id));
    }

    @Override
    public Optional<Person> person(String id) {
        return Optional.ofNullable(persons.get(id));
    }

    @Override
    public Optional<Holder> liveEnrollmentOf(String identity, int year, String excludedId) {
        return enrollments.values().stream()
                .filter(e -> e.status() != EnrollmentStatus.CANCELLED && e.policyYear() == year && !e.id().equals(excludedId))
                .filter(e -> persons.containsKey(e.personId()) && persons.get(e.personId()).identity().equals(identity))
                .min(FIRST).map(BatchSnapshot::holder);
    }

    @Override
    public Optional<Holder> liveEnrollmentUnderIdentity(String personId, String identity) {
        Set<Integer> years = new HashSet<>();
        for (Enrollment own : enrollments.values()) {
            if (own.personId().equals(personId) && own.status() != EnrollmentStatus.CANCELLED) {
                years.add(own.policyYear());
            }
        }
        return enrollments.values().stream()
                .filter(other -> years.contains(other.policyYear()) && identity.equals(other.personIdentity())
                        && other.status() != EnrollmentStatus.CANCELLED && !other.personId().equals(personId))
                .min(FIRST).map(BatchSnapshot::holder);
    }

    private static final Comparator<Enrollment> FIRST = Comparator.comparing(Enrollment::receivedAt)
            .thenComparing(Enrollment::id);

    private static Holder holder(Enrollment e) {
        return new Holder(e.policyYear(), e.township(), e.device(), e.receivedAt());
    }

    @Override
    public Optional<UploadRecord.Person> latestPersonPayload(String personId) {
        return Optional.ofNullable(personPayloads.get(personId)).map(Payload::read);
    }

    @Override
    public List<String> liveCategoryCodes(String personId) {
        List<String> codes = new ArrayList<>();
        for (Category category : categories.values()) {
            if (category.personId().equals(personId) && category.deleted() == 0) {
                codes.add(category.code());
            }
        }
        java.util.Collections.sort(codes);
        return codes;
    }

    @Override
    public SortedSet<Integer> coveredYearsOf(List<String> identities, String personId, String excluded) {
        Set<String> whose = new HashSet<>();
        for (Person person : persons.values()) {
            if (identities.contains(person.identity())) {
                whose.add(person.id());
            }
        }
        if (personId != null) {
            whose.add(personId);
        }
        SortedSet<Integer> years = new TreeSet<>();
        for (Enrollment e : enrollments.values()) {
            if (e.status() == EnrollmentStatus.PAID && whose.contains(e.personId()) && (excluded == null || !e.id().equals(excluded))) {
                years.add(e.policyYear());
            }
        }
        for (Mark mark : marks.values()) {
            if (mark.deleted() == 0 && whose.contains(mark.personId())
                    && MarkKind.ofCode(mark.kind()).map(MarkKind::countsAsCovered).orElse(false)) {
                years.add(mark.policyYear());
            }
        }
        return years;
    }

    @Override
    public boolean claimOwner(String entity, String id, String device, String township) {
        if (owners.containsKey(entity + "/" + id)) {
            return false;
        }
        put(owners, entity + "/" + id, new String[] {device, township});
        append(newOwners, new Object[] {entity, id, device, township});
        return true;
    }

    @Override
    public boolean store(SyncRecord record, String hash, String canonical, String device, String township,
                         String batchId, String receivedAt) {
        String key = key(record.entity(), record.id(), record.revision());
        if (held.containsKey(key)) {
            return false;
        }
        put(held, key, hash);
        append(newRecords, new Object[] {record.entity(), record.id(), record.revision(), hash, canonical, device,
                township, batchId, receivedAt});
        if (record.entity().equals("person")) {
            Payload known = personPayloads.get(record.id());
            if (known == null || known.revision() < record.revision()) {
                put(personPayloads, record.id(), Payload.of(record.revision(), canonical));
            }
        }
        return true;
    }

    /** As {@code Hub.project} does it in the database: a revision replaces an older one, never a newer one. */
    @Override
    public void project(SyncRecord record, UploadRecord payload, String device, String township, String receivedAt) {
        String id = record.id();
        int revision = record.revision();
        switch (record.entity()) {
            case "household" -> {
                Household known = households.get(id);
                if (known == null || known.revision() < revision) {
                    put(households, id, new Household(id, township, revision,
                            ((UploadRecord.Household) payload).village()));
                    touch(touchedHouseholds, id);
                }
            }
            case "person" -> {
                Person known = persons.get(id);
                if (known == null || known.revision() < revision) {
                    UploadRecord.Person person = (UploadRecord.Person) payload;
                    String identity = person.key();
                    put(persons, id, new Person(id, person.household() == null ? "" : person.household(), identity,
                            revision, person.insuranceCode()));
                    touch(touchedPersons, id);
                    String kept = PersonKey.isNone(identity) ? null : identity;
                    for (Enrollment e : new ArrayList<>(enrollments.values())) {
                        if (e.personId().equals(id) && e.uncheckedDuplicate() == 0) {
                            put(enrollments, e.id(), new Enrollment(e.id(), e.personId(), e.policyYear(), e.status(),
                                    e.device(), e.township(), e.receivedAt(), e.revision(), kept, 0));
                            touch(touchedEnrollments, e.id());
                        }
                    }
                }
            }
            case "enrollment" -> {
                Enrollment known = enrollments.get(id);
                if (known == null || known.revision() < revision) {
                    UploadRecord.Enrollment enrollment = (UploadRecord.Enrollment) payload;
                    String personId = enrollment.person();
                    Person person = persons.get(personId);
                    String identity = person == null || PersonKey.isNone(person.identity()) ? null : person.identity();
                    put(enrollments, id, new Enrollment(id, personId, enrollment.policyYear(), enrollment.status(),
                            device, township, receivedAt, revision, identity, 0));
                    touch(touchedEnrollments, id);
                }
            }
            case "person_category" -> {
                Category known = categories.get(id);
                if (known == null || known.revision() < revision) {
                    UploadRecord.Category category = (UploadRecord.Category) payload;
                    put(categories, id, new Category(id, category.person(), category.code(),
                            category.deleted() ? 1 : 0, revision));
                    touch(touchedCategories, id);
                }
            }
            case "person_mark" -> {
                Mark known = marks.get(id);
                if (known == null || known.revision() < revision) {
                    UploadRecord.Mark mark = (UploadRecord.Mark) payload;
                    put(marks, id, new Mark(id, mark.person(), mark.policyYear(), mark.kind().code(),
                            mark.deleted() ? 1 : 0, revision));
                    touch(touchedMarks, id);
                }
            }
            default -> throw new IllegalArgumentException("unknown entity " + record.entity());
        }
    }

    // --- writing ---

    /**
     * Writes what the batch's accepted records changed; false (the caller rolls back) when an owner or a
     * record key was stored meanwhile by another batch.
     */
    boolean write(Handle handle) throws SQLException {
        Connection connection = handle.getConnection();
        if (insert(connection, "INSERT INTO record_owner (entity, id, device, township) VALUES",
                "ON CONFLICT (entity, id) DO NOTHING", newOwners) != newOwners.size()) {
            return false;
        }
        if (insert(connection, "INSERT INTO sync_record (entity, id, revision, content_hash, payload, device, township, "
                + "batch_id, received_at) VALUES", "ON CONFLICT (entity, id, revision) DO NOTHING", newRecords)
                != newRecords.size()) {
            return false;
        }
        upsert(connection, "hub_household", "id, township, revision, village", touchedHouseholds,
                id -> {
                    Household h = households.get(id);
                    return new Object[] {h.id(), h.township(), h.revision(), h.village()};
                });
        upsert(connection, "hub_person", "id, household_id, identity, revision, insurance_code", touchedPersons,
                id -> {
                    Person p = persons.get(id);
                    return new Object[] {p.id(), p.householdId(), p.identity(), p.revision(), p.insuranceCode()};
                });
        upsert(connection, "hub_enrollment", "id, person_id, policy_year, status, device, township, received_at, "
                + "revision, person_identity, unchecked_duplicate", touchedEnrollments, id -> {
                    Enrollment e = enrollments.get(id);
                    return new Object[] {e.id(), e.personId(), e.policyYear(), e.status().code(), e.device(), e.township(),
                            e.receivedAt(), e.revision(), e.personIdentity(), e.uncheckedDuplicate()};
                });
        upsert(connection, "hub_category", "id, person_id, code, deleted, revision", touchedCategories,
                id -> {
                    Category c = categories.get(id);
                    return new Object[] {c.id(), c.personId(), c.code(), c.deleted(), c.revision()};
                });
        upsert(connection, "hub_mark", "id, person_id, policy_year, kind, deleted, revision", touchedMarks,
                id -> {
                    Mark m = marks.get(id);
                    return new Object[] {m.id(), m.personId(), m.policyYear(), m.kind(), m.deleted(), m.revision()};
                });
        return true;
    }

    /**
     * The current rows of {@code ids}, a few multi-row statements in all: inserted, or replacing the row
     * held when it is of an older revision (as record by record: a revision never replaces a newer one,
     * whatever another replica wrote meanwhile); an enrolment of the same revision is rewritten when its
     * person's identity changed (a corrected number).
     */
    private static void upsert(Connection connection, String table, String columns, Set<String> ids,
                               java.util.function.Function<String, Object[]> row) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(row.apply(id));
        }
        StringBuilder set = new StringBuilder();
        for (String column : columns.split(", ")) {
            if (!column.equals("id")) {
                set.append(set.length() == 0 ? "" : ", ").append(column).append(" = excluded.").append(column);
            }
        }
        String newer = table + ".revision < excluded.revision";
        if (table.equals("hub_enrollment")) {
            newer += " OR (hub_enrollment.revision = excluded.revision AND COALESCE(hub_enrollment.person_identity, '')"
                    + " <> COALESCE(excluded.person_identity, ''))";
        }
        insert(connection, "INSERT INTO " + table + " (" + columns + ") VALUES",
                "ON CONFLICT (id) DO UPDATE SET " + set + " WHERE " + newer, rows);
    }

    /** Multi-row INSERTs of {@code rows}; the number of rows inserted. */
    private static int insert(Connection connection, String head, String tail, List<Object[]> rows)
            throws SQLException {
        int inserted = 0;
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            String one = "(" + String.join(", ", java.util.Collections.nCopies(chunk.get(0).length, "?")) + ")";
            try (PreparedStatement statement = connection.prepareStatement(head + " "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), one)) + " " + tail)) {
                int parameter = 1;
                for (Object[] row : chunk) {
                    for (Object value : row) {
                        if (value == null) {
                            statement.setNull(parameter++, Types.VARCHAR);
                        } else if (value instanceof Integer number) {
                            statement.setInt(parameter++, number);
                        } else {
                            statement.setString(parameter++, value.toString());
                        }
                    }
                }
                inserted += statement.executeUpdate();
            }
        }
        return inserted;
    }
}
