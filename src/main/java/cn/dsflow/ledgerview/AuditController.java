package cn.dsflow.ledgerview;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.ledger.ChainVerification;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Audit chain for officers and auditors: verification, and the events about one subject. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

  private final AuditChain chain;
  private final CurrentUser currentUser;

  AuditController(AuditChain chain, CurrentUser currentUser) {
    this.chain = chain;
    this.currentUser = currentUser;
  }

  @GetMapping("/verify")
  ChainVerification verify() {
    requireOfficer();
    return chain.verify();
  }

  @GetMapping("/events")
  List<AuditEvent> events(@RequestParam String subjectType, @RequestParam String subjectId) {
    requireOfficer();
    return chain.events(subjectType, subjectId);
  }

  private void requireOfficer() {
    currentUser.requireAnyOf(Group.AUDIT_READERS,
        "只有审计、数据安全管理部门和负责人可以查看审计链 (audit chain is for audit/dso/dsDirect/dsFirst)");
  }
}
