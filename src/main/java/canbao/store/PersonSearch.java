package canbao.store;

import canbao.model.PersonHit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One search box for the counter: a full ID number, pinyin initials (zs), a household number (0012)
 * or the start of a name (张三). What was typed decides which index is used.
 */
public final class PersonSearch {

    public static final int DEFAULT_LIMIT = 50;

    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");
    private static final Pattern INITIALS = Pattern.compile("[A-Za-z]+");
    private static final Pattern HOUSEHOLD_NUMBER = Pattern.compile("[0-9A-Za-z\\-]*\\d[0-9A-Za-z\\-]*");

    private final Database database;

    public PersonSearch(Database database) {
        this.database = database;
    }

    public List<PersonHit> search(String query, int limit) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        return database.jdbi().withExtension(SearchDao.class, dao -> {
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
        });
    }

    /** 'text%' with LIKE's own wildcards escaped, so a typed % or _ matches itself. */
    static String prefixPattern(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
