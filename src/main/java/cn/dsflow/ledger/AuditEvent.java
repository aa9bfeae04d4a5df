package cn.dsflow.ledger;

import java.time.Instant;

/**
 * One event of the audit chain. {@code detail} is the canonical JSON that was hashed. {@code seq} is the append
 * number (increasing, may have gaps); {@code position}, {@code prevHash} and {@code hash} are {@code null} until the
 * sealer has linked the row into the chain.
 */
public record AuditEvent(
    long seq,
    Instant occurredAt,
    String type,
    String actor,
    String subjectType,
    String subjectId,
    String detail,
    String prevHash,
    String hash,
    Long position) {

  public boolean sealed() {
    return position != null;
  }
}
