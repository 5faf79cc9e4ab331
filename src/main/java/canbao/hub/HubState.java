package canbao.hub;

import canbao.sync.SyncRecord;
import canbao.sync.UploadRecord;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What the hub's rules read and write while answering a batch's records, one after the other. Two
 * homes, one set of rules ({@link Hub}): the database itself, a few statements per record in a
 * savepoint each ({@link Hub}'s record-by-record path, the reference), and {@link BatchSnapshot}, which
 * reads what a batch can touch in a handful of statements, answers every record in memory, and writes
 * the outcome with multi-row statements.
 */
interface HubState {

    /** A live enrolment that stands in another's way: its year, township, device and time, for the message. */
    record Holder(int policyYear, String township, String device, String receivedAt) {
    }

    /** hub_person's row: the latest accepted revision of a person, with its 医保电子凭证 code (or null). */
    record Person(String id, String householdId, String identity, int revision, String insuranceCode) {

        @Override
        public String toString() {
            return "HubState.Person[" + id + "]";
        }
    }

    /** The content hash the hub holds for a record's key. */
    Optional<String> heldHash(String entity, String id, int revision);

    /** The device and township that own a record (its first upload). */
    Optional<String[]> owner(String entity, String id);

    Optional<Person> person(String id);

    /**
     * A live enrolment for the year of a person with this identity (as hub_person holds it now), other
     * than {@code excludedId}.
     */
    Optional<Holder> liveEnrollmentOf(String identity, int year, String excludedId);

    /**
     * A live enrolment kept under {@code identity} of another person, for a year in which this person
     * holds a live enrolment.
     */
    Optional<Holder> liveEnrollmentUnderIdentity(String personId, String identity);

    /** The person's latest stored payload, read by the codec. */
    Optional<UploadRecord.Person> latestPersonPayload(String personId);

    /** The codes of the person's categories that are not deleted, sorted. */
    List<String> liveCategoryCodes(String personId);

    /** Covered years (paid enrolments but {@code excluded}, marks counted as covered) of the persons with one of {@code identities} or of {@code personId}. */
    SortedSet<Integer> coveredYearsOf(List<String> identities, String personId, String excluded);

    /** Makes the device and township the record's owner; false when someone owns it already. */
    boolean claimOwner(String entity, String id, String device, String township);

    /** Stores the record; false when its key is held already. */
    boolean store(SyncRecord record, String hash, String canonical, String device, String township, String batchId,
                  String receivedAt);

    /** Keeps the latest accepted revision of households, persons, enrolments and categories. */
    void project(SyncRecord record, UploadRecord payload, String device, String township, String receivedAt);
}
