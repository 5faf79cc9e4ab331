package canbao.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every message key used in code or FXML exists in both bundles, and the bundles hold the same keys. */
class LocalizationTest {

    private static final Pattern FXML_KEY = Pattern.compile("\"%([A-Za-z0-9.]+)\"");

    /** The message families our code reaches through tables (a field's label, a vendor's error, a figure's words). */
    private static final List<String> TABLE_FAMILIES = List.of("cli.failed.", "household.", "member.", "hub.field.",
            "reader.", "reason.", "report.", "table.", "text.");

    private static MessageKeyCallSites sites;

    @BeforeAll
    static void readTheSources() throws IOException {
        sites = MessageKeyCallSites.scan(Path.of("src/main/java"));
    }

    @Test
    void bothBundlesHoldTheSameKeys() {
        assertEquals(keys(Localization.CHINESE), keys(Locale.ENGLISH));
    }

    /**
     * Localization keeps each pattern as its literal pieces: for every message of both bundles the text
     * must be MessageFormat's own, with every argument given, none given (placeholders stay) and a null.
     */
    @Test
    void everyMessageFormatsExactlyAsMessageFormatDoes() {
        int checked = 0;
        for (Locale locale : new Locale[] {Localization.CHINESE, Locale.ENGLISH}) {
            for (String key : keys(locale)) {
                String pattern = Localization.text(locale, key);
                int count = new MessageFormat(pattern, locale).getFormatsByArgumentIndex().length;
                Object[] given = new Object[count + 1];
                for (int i = 0; i < given.length; i++) {
                    given[i] = "甲'{" + i + "}'" + i;
                }
                Object[] withNull = given.clone();
                if (count > 0) {
                    withNull[count - 1] = null;
                }
                for (Object[] arguments : List.of(given, new Object[0], withNull)) {
                    assertEquals(new MessageFormat(pattern, locale).format(arguments),
                            Localization.format(locale, key, arguments), locale + " " + key);
                    checked++;
                }
            }
        }
        assertTrue(checked > 6000, "messages checked: " + checked);
    }

    @Test
    void everyKeyUsedAtACallSiteOrInFxmlIsInBothBundles() throws IOException {
        Map<String, List<String>> used = new TreeMap<>();
        sites.keys.forEach((key, where) -> used.put(key, where.stream().map(Object::toString).toList()));
        keysIn(Path.of("fxml"), ".fxml", FXML_KEY).forEach(key -> used.putIfAbsent(key, List.of("fxml")));
        enumKeys().forEach(key -> used.putIfAbsent(key, List.of("an enum's messageKey()")));
        assertTrue(used.size() > 300, "the scan found the keys: " + used.size());
        // the call sites alone reach most of the bundle; the rest comes through enums, FXML and tables of ours
        assertTrue(sites.keys.size() > keys(Locale.ENGLISH).size() / 2,
                sites.keys.size() + " keys at call sites of " + keys(Locale.ENGLISH).size());

        for (Locale locale : new Locale[] {Localization.CHINESE, Locale.ENGLISH}) {
            Set<String> present = keys(locale);
            Map<String, List<String>> missing = new TreeMap<>(used);
            missing.keySet().removeAll(present);
            assertEquals(Map.of(), missing, "keys used but missing from the bundle of " + locale);
        }
        for (String prefix : sites.prefixes.keySet()) {
            assertTrue(keys(Locale.ENGLISH).stream().anyMatch(key -> key.startsWith(prefix)),
                    "no key completes the prefix '" + prefix + "' used at " + sites.prefixes.get(prefix));
        }
    }

    @Test
    void everyKeyOfTheBundlesIsReachedFromTheCode() throws IOException {
        Set<String> reached = new TreeSet<>(sites.keys.keySet());
        reached.addAll(keysIn(Path.of("fxml"), ".fxml", FXML_KEY));
        reached.addAll(enumKeys());
        Set<String> dead = new TreeSet<>(keys(Locale.ENGLISH));
        dead.removeAll(reached);
        dead.removeIf(key -> sites.prefixes.keySet().stream().anyMatch(key::startsWith));
        // what is left may reach its call site through a table of ours (field name → label, a vendor's code
        // → message, a figure's path → its words) as a plain literal — but only in those families: a key
        // elsewhere that is merely written somewhere as a string is not used
        Set<String> throughTables = new TreeSet<>(dead);
        throughTables.retainAll(sites.literals);
        throughTables.removeIf(key -> TABLE_FAMILIES.stream().anyMatch(key::startsWith));
        dead.removeAll(sites.literals);
        assertEquals(Set.of(), dead, "keys in the bundles that no code, FXML or enum reaches");
        assertEquals(Set.of(), throughTables, "keys found only as a string outside the families kept in tables");
    }

    /** Every key an enum of ours names through {@code messageKey()}, for each of its constants. */
    private static Set<String> enumKeys() {
        Set<String> keys = new TreeSet<>();
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("canbao");
        for (JavaClass type : classes) {
            if (!type.isEnum()) {
                continue;
            }
            Class<?> enumType = type.reflect();
            try {
                Method messageKey = enumType.getMethod("messageKey");
                messageKey.setAccessible(true);
                for (Object constant : enumType.getEnumConstants()) {
                    keys.add((String) messageKey.invoke(constant));
                }
            } catch (NoSuchMethodException notNamed) {
                // an enum without words of its own
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(type.getName(), e);
            }
        }
        assertTrue(keys.size() > 20, "enum keys found: " + keys);
        return keys;
    }

    /**
     * A line of a bundle that starts with a space is not the rest of the message above it but a key of its
     * own ("  report coverage …" is the key {@code report}): the usage text once lost six lines that way.
     */
    @Test
    void everyLineOfTheBundlesIsACommentOrAKeyWithItsMessage() throws IOException {
        Pattern entry = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*=.*");
        for (String file : new String[] {"messages.properties", "messages_zh_CN.properties"}) {
            List<String> lines = Files.readAllLines(Path.of("src/main/resources/canbao").resolve(file));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean continued = i > 0 && lines.get(i - 1).endsWith("\\");
                assertTrue(line.isBlank() || line.startsWith("#") || continued || entry.matcher(line).matches(),
                        file + ":" + (i + 1) + " is no key=message line: " + line);
            }
        }
    }

    @Test
    void everyMessageIsAValidPatternInBothLanguages() {
        for (Locale locale : new Locale[] {Localization.CHINESE, Locale.ENGLISH}) {
            ResourceBundle bundle = Localization.bundle(locale);
            for (String key : bundle.keySet()) {
                String text = bundle.getString(key);
                assertFalse(text.isBlank() && !key.startsWith("explain."), key);
                new MessageFormat(text, locale); // throws on a broken pattern
            }
        }
    }

    @Test
    void chineseIsNotSilentlyReplacedByTheMachineLocale() {
        assertEquals("参保通", Localization.text(Localization.CHINESE, "app.title"));
        assertEquals("Canbao", Localization.text(Locale.ENGLISH, "app.title"));
        assertEquals("2022年7月15日", Localization.formatDate(Localization.CHINESE, java.time.LocalDate.of(2022, 7, 15)));
    }

    private static Set<String> keys(Locale locale) {
        return new TreeSet<>(Collections.list(Localization.bundle(locale).getKeys()));
    }

    private static Set<String> keysIn(Path root, String suffix, Pattern pattern) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Matcher matcher = pattern.matcher(Files.readString(file));
                while (matcher.find()) {
                    keys.add(matcher.group(1));
                }
            }
        }
        return keys;
    }
}
