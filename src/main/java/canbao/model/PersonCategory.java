package canbao.model;

import java.time.LocalDate;

/** A subsidy category a person holds, with the department that certified it and when (认定部门, 认定日期). */
public record PersonCategory(String id, String personId, String code, String certifiedBy, LocalDate certifiedOn,
                             Audit audit) {
}
