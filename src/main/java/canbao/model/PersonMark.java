package canbao.model;

import java.time.LocalDate;

/** A mark on a person for a policy year (see {@link MarkKind}), with the day it was learnt and who recorded it. */
public record PersonMark(String id, String personId, int policyYear, MarkKind kind, String reason, LocalDate markedOn,
                         Audit audit) {
}
