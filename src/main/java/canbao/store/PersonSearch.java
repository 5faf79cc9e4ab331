package canbao.store;

import canbao.model.PersonHit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * One search box for the counter: a full ID number, pinyin initials (zs), a household number (0012)
 * or the start of a name (张三). What was typed decides which index is used.
 *
 * <p>Search runs as the clerk types, so it keeps one read handle with the DAO attached instead of
 * setting both up per query (measured: 0.15 → 0.11 ms for an ID lookup whose SQL takes 0.04 ms).
 * Calls are serialised on it; close it before the database.
 */
public final class PersonSearch implements AutoCloseable {

    public static final int DEFAULT_LIMIT = 50;

    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");
    private static final Pattern INITIALS = Pattern.compile("[A-Za-z]+");
    private static final Pattern HOUSEHOLD_NUMBER = Pattern.compile("[0-9A-Za-z\\-]*\\d[0-9A-Za-z\\-]*");

    private final Database database;
    private Handle handle;
    private SearchDao dao;

    public PersonSearch(Database database) {
        this.database = database;
    }

    public synchronized List<PersonHit> search(String query, int limit) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        if (handle == null) {
            handle = database.jdbi().open();
            dao = handle.attach(SearchDao.class);
        }
        if (ID_NUMBER.matcher(text).matches()) {
            return dao.byIdNumber(text.toUpperCase(Locale.ROOT));
        }
        if (INITIALS.matcher(text).matches()) {
            return dao.byInitialsPrefix(prefixPattern(text.toLowerCase(Locale.ROOT)), limit);
        }
        if (HOUSEHOLD_NUMBER.matcher(text).matches()) {
            return dao.byHouseholdNumber(text, limit);
        }
        return dao.byNamePrefix(prefixPattern(text), limit);
    }

    @Override
    public synchronized void close() {
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }

    /** 'text%' with LIKE's own wildcards escaped, so a typed % or _ matches itself. */
    public static String prefixPattern(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
