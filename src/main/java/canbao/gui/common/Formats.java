package canbao.gui.common;

import canbao.model.Localization;
import canbao.model.Money;
import canbao.model.Tier;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import javafx.util.StringConverter;

/** How screens show and read values: dates as yyyy-MM-dd (what clerks copy from 户口簿), money in 元. */
public final class Formats {

    private Formats() {
    }

    public static String money(Money money) {
        return money == null ? "" : money + " 元";
    }

    public static String date(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }

    public static StringConverter<LocalDate> isoDates() {
        return new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return date(date);
            }

            @Override
            public LocalDate fromString(String text) {
                if (text == null || text.isBlank()) {
                    return null;
                }
                try {
                    return LocalDate.parse(text.strip());
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        };
    }

    public static StringConverter<Tier> tiers(Locale locale) {
        return new StringConverter<>() {
            @Override
            public String toString(Tier tier) {
                return tier == null ? "" : Localization.text(locale, tier.messageKey());
            }

            @Override
            public Tier fromString(String text) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
