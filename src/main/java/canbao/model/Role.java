package canbao.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator may do: a clerk (柜员) works the township counter — enrolment, newborns, quotes,
 * imports and reports, upload; a village cadre (村干部) enrols door to door and uploads at the end of the
 * shift, without imports or township reports; an administrator also manages the operator accounts.
 */
public enum Role {
    ADMIN, CLERK, CADRE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> ofCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code().equals(code)).findFirst();
    }

    public String messageKey() {
        return "role." + code();
    }

    public boolean managesAccounts() {
        return this == ADMIN;
    }

    /**
     * 政策参数: authoring and signing a year's policy table. The administrator of the program installed at
     * the county office (区县医保局) does it; the tab is an administrator's, and signing needs the county's
     * key folder, which a township's administrator does not hold.
     */
    public boolean authorsPolicyTables() {
        return this == ADMIN;
    }

    public boolean importsAndReports() {
        return this != CADRE;
    }

    /**
     * 作废 (cancelling a saved enrolment) gives money back at the township counter: a clerk or an
     * administrator, not a village cadre (README Decisions, "Who may cancel").
     */
    public boolean cancelsEnrollments() {
        return this != CADRE;
    }
}
