package cn.dsflow.ledger;

import java.time.Instant;

/** One link of the audit chain. {@code detail} is the canonical JSON that was hashed. */
public record AuditEvent(
    long seq,
    Instant occurredAt,
    String type,
    String actor,
    String subjectType,
    String subjectId,
    String detail,
    String prevHash,
    String hash) {}
