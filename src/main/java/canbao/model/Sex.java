package canbao.model;

public enum Sex {
    MALE, FEMALE;

    public String messageKey() {
        return "sex." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
