package canbao.store;

import canbao.model.Person;
import canbao.model.PersonCategory;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface PersonDao {

    /** Binds a person as {@code p} and its pinyin initials as {@code initials}. */
    String INSERT = """
            INSERT INTO person (id, household_id, name, name_initials, id_number, birth_certificate_no, birth_date,
                                sex, ethnicity, relation, employee_insurance_ended_on, graduation_year,
                                revision, created_at, updated_at, created_by, updated_by)
            VALUES (:p.id, :p.householdId, :p.name, :initials, :p.idNumber, :p.birthCertificateNo, :p.birthDate,
                    :p.sex, :p.ethnicity, :p.relation, :p.employeeInsuranceEndedOn, :p.graduationYear,
                    :p.audit.revision, :p.audit.createdAt, :p.audit.updatedAt, :p.audit.createdBy, :p.audit.updatedBy)""";

    @SqlUpdate("""
            UPDATE person SET household_id = :p.householdId, name = :p.name, name_initials = :initials,
                   id_number = :p.idNumber, birth_certificate_no = :p.birthCertificateNo, birth_date = :p.birthDate,
                   sex = :p.sex, ethnicity = :p.ethnicity, relation = :p.relation,
                   employee_insurance_ended_on = :p.employeeInsuranceEndedOn, graduation_year = :p.graduationYear,
                   revision = :p.audit.revision, updated_at = :p.audit.updatedAt, updated_by = :p.audit.updatedBy
            WHERE id = :p.id AND revision = :p.audit.revision - 1""")
    int update(@BindMethods("p") Person person, @Bind("initials") String nameInitials);

    @SqlQuery("SELECT * FROM person WHERE id = ? AND deleted = 0")
    Optional<Person> findById(String id);

    @SqlQuery("SELECT * FROM person WHERE id_number = ? AND deleted = 0")
    Optional<Person> findByIdNumber(String idNumber);

    @SqlQuery("SELECT * FROM person WHERE birth_certificate_no = ? AND deleted = 0")
    Optional<Person> findByBirthCertificate(String birthCertificateNo);

    /** The stored persons among these ID numbers and birth certificate numbers, in one query. */
    @SqlQuery("""
            SELECT * FROM person
            WHERE deleted = 0 AND (id_number IN (<idNumbers>) OR birth_certificate_no IN (<certificates>))""")
    List<Person> findByIdentities(@BindList(value = "idNumbers", onEmpty = BindList.EmptyHandling.NULL_STRING)
                                  List<String> idNumbers,
                                  @BindList(value = "certificates", onEmpty = BindList.EmptyHandling.NULL_STRING)
                                  List<String> certificates);

    @SqlQuery("SELECT * FROM person WHERE household_id = ? AND deleted = 0 ORDER BY rowid")
    List<Person> listByHousehold(String householdId);

    @SqlUpdate("""
            INSERT INTO person_category (id, person_id, code, certified_by, certified_on,
                                         revision, created_at, updated_at, created_by, updated_by)
            VALUES (:id, :personId, :code, :certifiedBy, :certifiedOn,
                    :audit.revision, :audit.createdAt, :audit.updatedAt, :audit.createdBy, :audit.updatedBy)""")
    void insertCategory(@BindMethods PersonCategory category);

    /** Tombstones a category the person no longer holds (kept for sync and history). */
    @SqlUpdate("""
            UPDATE person_category SET deleted = 1, revision = revision + 1, updated_at = :at, updated_by = :by
            WHERE id = :id AND deleted = 0""")
    void deleteCategory(@Bind("id") String id, @Bind("at") java.time.Instant at, @Bind("by") String operator);

    @SqlQuery("SELECT * FROM person_category WHERE person_id = ? AND deleted = 0 ORDER BY code")
    List<PersonCategory> listCategories(String personId);

    /** The live categories of several persons (one save's members) in one statement, by person and code. */
    @SqlQuery("SELECT * FROM person_category WHERE person_id IN (<persons>) AND deleted = 0 ORDER BY person_id, code")
    List<PersonCategory> listCategoriesOf(@BindList("persons") java.util.Collection<String> personIds);
}
