package canbao.store;

import canbao.model.Household;
import canbao.model.Person;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.BatchChunkSize;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** Bulk loading (benchmarks, roster imports): batched inserts, one transaction per call. */
public interface BulkDao {

    @SqlBatch("""
            INSERT INTO household (id, number, village, group_name, address, phone,
                                   revision, created_at, updated_at, created_by, updated_by)
            VALUES (:id, :number, :village, :groupName, :address, :phone,
                    :audit.revision, :audit.createdAt, :audit.updatedAt, :audit.createdBy, :audit.updatedBy)""")
    @BatchChunkSize(5000)
    void insertHouseholds(@BindMethods List<Household> households);

    @SqlBatch("""
            INSERT INTO person (id, household_id, name, name_initials, id_number, birth_certificate_no, birth_date,
                                sex, ethnicity, relation, employee_insurance_ended_on, graduation_year,
                                revision, created_at, updated_at, created_by, updated_by)
            VALUES (:p.id, :p.householdId, :p.name, :initials, :p.idNumber, :p.birthCertificateNo, :p.birthDate,
                    :p.sex, :p.ethnicity, :p.relation, :p.employeeInsuranceEndedOn, :p.graduationYear,
                    :p.audit.revision, :p.audit.createdAt, :p.audit.updatedAt, :p.audit.createdBy, :p.audit.updatedBy)""")
    @BatchChunkSize(5000)
    void insertPersons(@BindMethods("p") List<Person> persons, @Bind("initials") List<String> nameInitials);
}
