package canbao.report;

import canbao.model.Money;

/**
 * An amount in the capital numerals of a Chinese receipt (人民币大写): 727.5 yuan is 柒佰贰拾柒元伍角,
 * 1005 yuan 壹仟零伍元整. A receipt carries it beside the figures so that neither can be altered alone.
 */
final class AmountInWords {

    private static final String DIGITS = "零壹贰叁肆伍陆柒捌玖";
    private static final String[] PLACES = {"", "拾", "佰", "仟"};
    private static final String[] SECTIONS = {"", "万", "亿", "万亿"};

    private AmountInWords() {
    }

    static String of(Money amount) {
        if (amount.fen() < 0) {
            return "负" + of(new Money(-amount.fen()));
        }
        long yuan = amount.fen() / 100;
        int jiao = (int) (amount.fen() / 10 % 10);
        int fen = (int) (amount.fen() % 10);
        StringBuilder words = new StringBuilder();
        if (yuan > 0) {
            words.append(wholeYuan(yuan)).append('元');
        }
        if (jiao == 0 && fen == 0) {
            return yuan == 0 ? "零元整" : words.append('整').toString();
        }
        if (jiao > 0) {
            words.append(DIGITS.charAt(jiao)).append('角');
        } else if (yuan > 0) {
            words.append('零');
        }
        if (fen > 0) {
            words.append(DIGITS.charAt(fen)).append('分');
        }
        return words.toString();
    }

    /** Whole yuan in sections of four digits (个, 万, 亿), one 零 for each run of zeros between digits. */
    private static String wholeYuan(long yuan) {
        StringBuilder words = new StringBuilder();
        boolean zeroBefore = false;
        int sections = 0;
        for (long rest = yuan; rest > 0; rest /= 10_000) {
            sections++;
        }
        for (int section = sections - 1; section >= 0; section--) {
            int value = (int) (yuan / pow10k(section) % 10_000);
            if (value == 0) {
                zeroBefore = words.length() > 0;
                continue;
            }
            if (words.length() > 0 && (zeroBefore || value < 1000)) {
                words.append('零');
            }
            words.append(fourDigits(value)).append(SECTIONS[section]);
            zeroBefore = false;
        }
        return words.toString();
    }

    private static String fourDigits(int value) {
        StringBuilder words = new StringBuilder();
        boolean zero = false;
        for (int place = 3; place >= 0; place--) {
            int digit = value / (int) Math.pow(10, place) % 10;
            if (digit == 0) {
                zero = words.length() > 0;
                continue;
            }
            if (zero) {
                words.append('零');
                zero = false;
            }
            words.append(DIGITS.charAt(digit)).append(PLACES[place]);
        }
        return words.toString();
    }

    private static long pow10k(int section) {
        long power = 1;
        for (int i = 0; i < section; i++) {
            power *= 10_000;
        }
        return power;
    }
}
