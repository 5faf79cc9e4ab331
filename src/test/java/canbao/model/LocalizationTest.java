package canbao.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message key used in code or FXML exists in both bundles, and the bundles hold the same keys. */
class LocalizationTest {

    private static final Pattern CODE_KEY = Pattern.compile(
            "\"((?:app|tier|sex|field|json|policyYear|county|members|category|id|birthDate|birthCertificateNo"
                    + "|identity|employeeInsurance|graduationYear|rule|reason|explain|table|cli|household|member|person"
                    + "|enrollment|date|setup|enroll|newborn|quote|search|dialog|screen|hub|sync|reader|card)\\.[A-Za-z0-9.]+)\"");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([A-Za-z0-9.]+)\"");
    /** Literals in these positions are field paths of a request (household.number), not message keys. */
    private static final Pattern FIELD_PATH = Pattern.compile(
            "(?:Problem\\.of\\(\\s*|(?:requireText|optionalText)\\([^,]+,\\s*|field\\(\\s*|_FIELD\\s*=\\s*)\"([^\"]+)\"");

    @Test
    void bothBundlesHoldTheSameKeys() {
        assertEquals(keys(Localization.CHINESE), keys(Locale.ENGLISH));
    }

    @Test
    void everyKeyUsedInCodeOrFxmlIsInBothBundles() throws IOException {
        Set<String> used = new TreeSet<>();
        used.addAll(keysIn(Path.of("src/main/java"), ".java", CODE_KEY));
        used.removeAll(keysIn(Path.of("src/main/java"), ".java", FIELD_PATH));
        // prefixes completed at run time ("enrollment.status." + code) are checked through their enums below
        used.removeIf(key -> key.endsWith("."));
        used.addAll(keysIn(Path.of("fxml"), ".fxml", FXML_KEY));
        for (Tier tier : Tier.values()) {
            used.add(tier.messageKey());
        }
        for (Sex sex : Sex.values()) {
            used.add(sex.messageKey());
        }
        for (EnrollmentStatus status : EnrollmentStatus.values()) {
            used.add(status.messageKey());
        }
        for (var coverage : canbao.gui.newborn.NewbornRegistrationViewModel.Coverage.values()) {
            used.add(coverage.messageKey());
        }
        assertTrue(used.size() > 50, "the scan found the keys: " + used.size());

        Set<String> missingChinese = new TreeSet<>(used);
        missingChinese.removeAll(keys(Localization.CHINESE));
        Set<String> missingEnglish = new TreeSet<>(used);
        missingEnglish.removeAll(keys(Locale.ENGLISH));
        assertEquals(Set.of(), missingChinese, "missing from messages_zh_CN.properties");
        assertEquals(Set.of(), missingEnglish, "missing from messages.properties");
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
