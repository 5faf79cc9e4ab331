package canbao.store;

import canbao.model.Household;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface HouseholdDao {

    String INSERT = """
            INSERT INTO household (id, number, village, group_name, address, phone,
                                   revision, created_at, updated_at, created_by, updated_by)
            VALUES (:id, :number, :village, :groupName, :address, :phone,
                    :audit.revision, :audit.createdAt, :audit.updatedAt, :audit.createdBy, :audit.updatedBy)""";

    @SqlUpdate(INSERT)
    void insert(@BindMethods Household household);

    /**
     * Who a record's login names, for what a clerk reads ("由王芳登记"): the operator's name, or the
     * login itself where no account has it (records imported or made before operator accounts).
     */
    @SqlQuery("SELECT coalesce((SELECT name FROM operator WHERE login = :login), :login)")
    String operatorName(@Bind("login") String login);

    /** Writes a changed household; the revision it carries must be the stored one plus one. */
    @SqlUpdate("""
            UPDATE household SET number = :number, village = :village, group_name = :groupName, address = :address,
                   phone = :phone, revision = :audit.revision, updated_at = :audit.updatedAt, updated_by = :audit.updatedBy
            WHERE id = :id AND revision = :audit.revision - 1""")
    int update(@BindMethods Household household);

    @SqlQuery("SELECT * FROM household WHERE id = ? AND deleted = 0")
    Optional<Household> findById(String id);

    @SqlQuery("SELECT * FROM household WHERE number = :number COLLATE NOCASE AND deleted = 0")
    Optional<Household> findByNumber(@Bind("number") String number);
}
