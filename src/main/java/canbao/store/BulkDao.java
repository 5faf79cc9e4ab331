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

    @SqlBatch(HouseholdDao.INSERT)
    @BatchChunkSize(5000)
    void insertHouseholds(@BindMethods List<Household> households);

    @SqlBatch(PersonDao.INSERT)
    @BatchChunkSize(5000)
    void insertPersons(@BindMethods("p") List<Person> persons, @Bind("initials") List<String> nameInitials);
}
