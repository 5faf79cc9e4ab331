package canbao.app;

import canbao.model.IdMask;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one layout of every log line, console or file: the pattern's line with every resident ID number in
 * it masked ({@code 500230********1079}) — the last guard behind the rule that no code of ours logs one.
 * A library's message may quote its input (a parser's, a driver's), and a stack trace carries messages.
 */
public final class MaskingLayout extends PatternLayout {

    /** 18 characters of an ID number (17 digits and a digit or X), not part of a longer run of digits. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])");

    @Override
    public String doLayout(ILoggingEvent event) {
        return mask(super.doLayout(event));
    }

    static String mask(String line) {
        Matcher matcher = ID_NUMBER.matcher(line);
        if (!matcher.find()) {
            return line;
        }
        StringBuilder masked = new StringBuilder(line.length());
        do {
            matcher.appendReplacement(masked, IdMask.mask(matcher.group()));
        } while (matcher.find());
        return matcher.appendTail(masked).toString();
    }
}
