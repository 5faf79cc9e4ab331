package canbao.gui.common;

import canbao.policy.KnownHistory;

/**
 * Finds what is known of a person's coverage history when a member is entered: this counter's store
 * and, when it answers, the county hub. Runs off the FX thread; never fails (an unreachable hub is an
 * answer: {@link KnownHistory.HubAnswer#OFFLINE}).
 */
@FunctionalInterface
public interface CoverageLookup {

    CoverageLookup NONE = (idNumber, birthCertificateNo, policyYear) -> KnownHistory.NONE;

    KnownHistory lookup(String idNumber, String birthCertificateNo, int policyYear);
}
