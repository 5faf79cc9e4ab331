package canbao.store;

import java.util.Locale;
import net.sourceforge.pinyin4j.PinyinHelper;

/** 拼音首字母: 张三 → zs, so a clerk can find a family by typing "zs". Latin letters and digits are kept. */
public final class PinyinInitials {

    private PinyinInitials() {
    }

    public static String of(String name) {
        StringBuilder initials = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c);
            if (readings != null && readings.length > 0 && !readings[0].isEmpty()) {
                // a polyphonic character (曾 zeng/ceng) takes its first reading
                initials.append(readings[0].charAt(0));
            } else if (Character.isLetterOrDigit(c) && c < 128) {
                initials.append(Character.toLowerCase(c));
            }
        }
        return initials.toString().toLowerCase(Locale.ROOT);
    }
}
