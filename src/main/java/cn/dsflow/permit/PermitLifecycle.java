package cn.dsflow.permit;

import cn.dsflow.ledger.ApprovalLedger;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one state machine of a permit and its ledger row (台账, 000 §3.4.2(2)): issued LIVE/APPROVED → USED → COMPLETED,
 * or LIVE → EXPIRED / REVOKED. Every move changes both rows in one transaction and only from the state it starts
 * from; a move that finds either row elsewhere fails and rolls back, so the two can never tell different stories.
 */
@Service
public class PermitLifecycle {

  private final Permits permits;
  private final ApprovalLedger ledger;

  public PermitLifecycle(Permits permits, ApprovalLedger ledger) {
    this.permits = permits;
    this.ledger = ledger;
  }

  @Transactional
  public void issue(Permit permit, ApprovalLedger.Entry row) {
    permits.insert(permit);
    both(1, ledger.open(row), "issue", permit.requestId());
  }

  /** The gate's use: the permit consumed, the ledger row shows when, by which operator and through which account. */
  @Transactional
  public void use(Permit permit, Instant at, PermitGate.Use use, String account) {
    permits.markUsed(permit.id(), at, use.operator(), use.recordCount(), use.recipient(), account);
    both(1, ledger.markUsed(permit.requestId(), at, use.operator(), account), "use", permit.requestId());
  }

  /** What was actually done, recorded on the row of a permit that was used — never on a live, expired or revoked one. */
  @Transactional
  public void complete(String requestId, long actualRecordCount, Instant completedAt, String note) {
    Permit permit = permits.findByRequest(requestId).orElse(null);
    int permitUsed = permit != null && permit.status() == Permit.Status.USED ? 1 : 0;
    both(permitUsed, ledger.complete(requestId, actualRecordCount, completedAt, note), "complete", requestId);
  }

  /** @return whether the permit was still live (a used permit is never turned into an expired one) */
  @Transactional
  public boolean expire(String requestId) {
    Permit permit = permits.findByRequest(requestId).orElse(null);
    if (permit == null || !permits.expire(permit.id())) {
      return false;
    }
    both(1, ledger.expire(requestId), "expire", requestId);
    return true;
  }

  /** @return whether the permit was still live: a used permit stays used (the act happened) */
  @Transactional
  public boolean revoke(String requestId) {
    Permit permit = permits.findByRequest(requestId).orElse(null);
    if (permit == null || !permits.revoke(permit.id())) {
      return false;
    }
    both(1, ledger.revoke(requestId), "revoke", requestId);
    return true;
  }

  private static void both(int permitRows, int ledgerRows, String move, String requestId) {
    if (permitRows != 1 || ledgerRows != 1) {
      throw new IllegalStateException("permit and ledger of request " + requestId + " are not both in the state '" + move
          + "' starts from");
    }
  }
}
