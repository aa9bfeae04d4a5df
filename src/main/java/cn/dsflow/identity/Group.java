package cn.dsflow.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The product's Camunda groups (DESIGN.md contract). Ids are letters and digits only: Camunda's default resource-id
 * whitelist refuses hyphens.
 */
public enum Group {
  EMPLOYEE("employee", "员工"),
  DEPT_HEAD("deptHead", "数据所属部门负责人"),
  DSO("dso", "数据安全管理责任部门"),
  DS_DIRECT("dsDirect", "数据安全直接责任人"),
  DS_FIRST("dsFirst", "数据安全第一责任人"),
  LEGAL("legal", "法务"),
  AUDIT("audit", "审计/监督"),
  IRT("irt", "应急处置队伍"),
  /** Technical accounts of the systems that execute approved operations: they use permits at the gate, nothing else. */
  EXECUTOR("executor", "执行系统");

  public static final String ADMIN = "camunda-admin";

  /** Who may read the approval ledger and any permit: the officers of 000 §3.1.2 plus legal and the administrator. */
  public static final String[] LEDGER_READERS = {
      DSO.id, AUDIT.id, DS_DIRECT.id, DS_FIRST.id, LEGAL.id, ADMIN};

  /** Who may verify and read the audit chain (log audit is kept apart from processing, 000 §3.3.1(3)). */
  public static final String[] AUDIT_READERS = {AUDIT.id, DSO.id, DS_DIRECT.id, DS_FIRST.id, ADMIN};

  /** Who may read an incident's timeline, documents and evidence: the response team, officers and audit. */
  public static final String[] INCIDENT_READERS = {IRT.id, DSO.id, DS_DIRECT.id, DS_FIRST.id, AUDIT.id, ADMIN};

  /** Who may register evidence and ask for a re-grading during a response (000 §6.4: the team and its leaders). */
  public static final String[] INCIDENT_RESPONDERS = {IRT.id, DS_DIRECT.id, DS_FIRST.id};

  private final String id;
  private final String chineseName;

  Group(String id, String chineseName) {
    this.id = id;
    this.chineseName = chineseName;
  }

  public String id() {
    return id;
  }

  public String chineseName() {
    return chineseName;
  }

  public static Optional<Group> byId(String id) {
    return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
  }
}
