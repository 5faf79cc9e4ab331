package canbao.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Key/value settings of this data folder: township, county code, operator, device id. */
public interface SettingsDao {

    @SqlQuery("SELECT value FROM settings WHERE key = ?")
    Optional<String> get(String key);

    @SqlUpdate("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    void put(String key, String value);
}
