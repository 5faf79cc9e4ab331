package canbao.model;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The one place message keys become text. Chinese is the language of the counter; English is the
 * second bundle. No fallback to the JVM's default locale, so an English request never silently
 * gets Chinese (or the reverse) because of how the machine was set up.
 */
public final class Localization {

    public static final String BUNDLE = "canbao.messages";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /**
     * Parsed patterns, one set per thread (MessageFormat is not thread-safe, and cloning one per call
     * cost more than the formatting): the quote engine formats several texts per person, thousands of
     * people a second, on both cores.
     */
    private static final ThreadLocal<Map<Locale, Map<String, MessageFormat>>> PATTERNS =
            ThreadLocal.withInitial(java.util.HashMap::new);

    private Localization() {
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, Localization.class.getClassLoader(), NO_FALLBACK);
    }

    public static String text(Locale locale, String key) {
        try {
            return bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing message key '" + key + "' for " + locale, e);
        }
    }

    /** Formats a message; dates become 2022年7月15日 in Chinese and 2022-07-15 otherwise. */
    public static String format(Locale locale, String key, Object... arguments) {
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            shown[i] = display(locale, arguments[i]);
        }
        MessageFormat parsed = PATTERNS.get().computeIfAbsent(locale, l -> new java.util.HashMap<>())
                .computeIfAbsent(key, k -> new MessageFormat(text(locale, k), locale));
        return parsed.format(shown);
    }

    private static Object display(Locale locale, Object argument) {
        if (argument instanceof LocalDate date) {
            return formatDate(locale, date);
        }
        if (argument instanceof Money money) {
            return money.toString();
        }
        if (argument instanceof Number number) {
            // MessageFormat would group digits (2,022); years and counts read better plain.
            return number.toString();
        }
        if (argument instanceof Tier tier) {
            return text(locale, tier.messageKey());
        }
        return argument;
    }

    public static String formatDate(Locale locale, LocalDate date) {
        if (locale.getLanguage().equals(CHINESE.getLanguage())) {
            return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
        }
        return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }
}
