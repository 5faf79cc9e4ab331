package canbao.model;

import java.util.List;
import java.util.Optional;

/**
 * The words of a 户口簿 that the counter offers as choices: the 56 ethnic groups (GB 3304) and the
 * usual relations to the head of the household (GB/T 4761). An ethnicity must be one of the 56 ("汉"
 * or "汉族" alike, kept without 族); a relation is offered from the list, but the 户口簿's own word (长子,
 * 孙媳妇 …) is accepted as written.
 */
public final class HouseholdWords {

    public static final List<String> ETHNICITIES = List.of("汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依",
            "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水",
            "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
            "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
            "鄂伦春", "赫哲", "门巴", "珞巴", "基诺");

    public static final List<String> RELATIONS = List.of("户主", "配偶", "子", "女", "长子", "次子", "长女", "次女",
            "孙子", "孙女", "外孙子", "外孙女", "曾孙子", "曾孙女", "父亲", "母亲", "公公", "婆婆", "岳父", "岳母", "祖父",
            "祖母", "外祖父", "外祖母", "兄", "弟", "姐", "妹", "儿媳", "女婿", "孙媳妇", "孙女婿", "侄子", "侄女",
            "外甥", "外甥女", "继子", "继女", "养子", "养女", "其他");

    private HouseholdWords() {
    }

    /** The ethnic group as kept ("土家族" → "土家"), or empty when it is none of the 56. */
    public static Optional<String> ethnicity(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String word = typed.strip();
        if (ETHNICITIES.contains(word)) {
            return Optional.of(word);
        }
        if (word.endsWith("族") && ETHNICITIES.contains(word.substring(0, word.length() - 1))) {
            return Optional.of(word.substring(0, word.length() - 1));
        }
        return Optional.empty();
    }
}
