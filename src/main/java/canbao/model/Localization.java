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
     * Patterns parsed once per locale and key, shared by every thread: the quote engine formats several
     * texts per person, tens of thousands of people a second, on every core.
     */
    private static final Map<Locale, Map<String, Template>> TEMPLATES = new java.util.concurrent.ConcurrentHashMap<>();

    private Localization() {
    }

    /** The bundles, loaded once per locale (they never change while the program runs). */
    private static final Map<Locale, ResourceBundle> BUNDLES = new java.util.concurrent.ConcurrentHashMap<>();

    public static ResourceBundle bundle(Locale locale) {
        ResourceBundle bundle = BUNDLES.get(locale);
        return bundle != null ? bundle : BUNDLES.computeIfAbsent(locale,
                l -> ResourceBundle.getBundle(BUNDLE, l, Localization.class.getClassLoader(), NO_FALLBACK));
    }

    /** Texts as the bundles hold them, by locale and key, once looked up (a tier's name: several per quote). */
    private static final Map<Locale, Map<String, String>> TEXTS = new java.util.concurrent.ConcurrentHashMap<>();

    public static String text(Locale locale, String key) {
        Map<String, String> texts = TEXTS.get(locale);
        if (texts == null) {
            texts = TEXTS.computeIfAbsent(locale, l -> new java.util.concurrent.ConcurrentHashMap<>());
        }
        String text = texts.get(key);
        if (text != null) {
            return text;
        }
        try {
            text = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing message key '" + key + "' for " + locale, e);
        }
        texts.put(key, text);
        return text;
    }

    /** Formats a message; dates become 2022年7月15日 in Chinese and 2022-07-15 otherwise. */
    public static String format(Locale locale, String key, Object... arguments) {
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            shown[i] = display(locale, arguments[i]);
        }
        Map<String, Template> templates = TEMPLATES.get(locale);
        if (templates == null) {
            templates = TEMPLATES.computeIfAbsent(locale, l -> new java.util.concurrent.ConcurrentHashMap<>());
        }
        // get first: computeIfAbsent may lock the bin even when the key is there
        Template template = templates.get(key);
        if (template == null) {
            template = templates.computeIfAbsent(key, k -> Template.of(text(locale, k), locale));
        }
        return template.format(shown);
    }

    /**
     * A message pattern as {@link MessageFormat} reads it (quotes, braces), kept as its literal pieces
     * between the arguments: formatting is then the pieces and the arguments appended, with no pattern
     * parsed or formatter copied per call. The pieces are found by MessageFormat itself — the pattern
     * formatted once with a marker for each argument — so quoting works exactly as MessageFormat's. A
     * pattern with a format of its own ({@code {0,number}}, none in our bundles) and any argument that
     * is not text are left to MessageFormat.
     */
    private static final class Template {

        private static final char MARK = '\uFFFF';

        private final MessageFormat pattern;
        /** Null when the pattern is left to MessageFormat; else one more piece than arguments. */
        private final String[] pieces;
        private final int[] arguments;

        private Template(MessageFormat pattern, String[] pieces, int[] arguments) {
            this.pattern = pattern;
            this.pieces = pieces;
            this.arguments = arguments;
        }

        static Template of(String text, Locale locale) {
            MessageFormat pattern = new MessageFormat(text, locale);
            boolean plain = text.indexOf(MARK) < 0;
            // every placeholder, not only each argument's last one: {0,date} … {0} is not plain
            for (java.text.Format format : pattern.getFormats()) {
                plain &= format == null;
            }
            Object[] marks = new Object[pattern.getFormatsByArgumentIndex().length];
            for (int i = 0; i < marks.length; i++) {
                marks[i] = MARK + Integer.toString(i) + MARK;
            }
            if (!plain) {
                return new Template(pattern, null, null);
            }
            String marked = pattern.format(marks);
            java.util.List<String> pieces = new java.util.ArrayList<>();
            java.util.List<Integer> arguments = new java.util.ArrayList<>();
            int from = 0;
            for (int open = marked.indexOf(MARK); open >= 0; open = marked.indexOf(MARK, from)) {
                int close = marked.indexOf(MARK, open + 1);
                pieces.add(marked.substring(from, open));
                arguments.add(Integer.parseInt(marked.substring(open + 1, close)));
                from = close + 1;
            }
            pieces.add(marked.substring(from));
            return new Template(pattern, pieces.toArray(String[]::new),
                    arguments.stream().mapToInt(Integer::intValue).toArray());
        }

        String format(Object[] shown) {
            if (pieces == null || !allText(shown)) {
                synchronized (pattern) {
                    return pattern.format(shown);
                }
            }
            if (arguments.length == 0) {
                return pieces[0];
            }
            StringBuilder text = new StringBuilder(64);
            for (int i = 0; i < arguments.length; i++) {
                text.append(pieces[i]);
                int argument = arguments[i];
                // as MessageFormat: an argument not given is shown as its placeholder, null as "null"
                text.append(argument < shown.length ? String.valueOf(shown[argument]) : "{" + argument + "}");
            }
            return text.append(pieces[arguments.length]).toString();
        }

        private boolean allText(Object[] shown) {
            for (Object argument : shown) {
                if (argument != null && !(argument instanceof String)) {
                    return false;
                }
            }
            return true;
        }
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
            return new StringBuilder(12).append(date.getYear()).append('年').append(date.getMonthValue()).append('月')
                    .append(date.getDayOfMonth()).append('日').toString();
        }
        return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }
}
