package canbao.store;

/** Who works with this data folder: the township (乡镇), its county code and the operator at the counter. */
public record Workplace(String township, String county, String operator) {
}
