package canbao.cli;

import canbao.model.Localization;
import canbao.service.HouseholdService;
import canbao.service.RenewalService;

/** Answers one {@code enroll} line as the command does, for tests outside the cli package. */
public final class EnrollCommandAccess {

    private EnrollCommandAccess() {
    }

    public static String answer(HouseholdService households, RenewalService renewals, String line) {
        return new EnrollCommand(households, renewals, "wangfang", Localization.CHINESE).answer(line).toString();
    }
}
