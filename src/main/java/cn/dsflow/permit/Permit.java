package cn.dsflow.permit;

import java.time.Instant;

/** 单次授权: one approved operation, its scope and validity window, consumed by exactly one use. */
public record Permit(
    String id,
    String requestId,
    String processInstanceId,
    String operationType,
    String dataLevel,
    String dataCategory,
    String dataDescription,
    long maxRecordCount,
    String recipientName,
    String purpose,
    String scope,
    String requester,
    String requestHash,
    Instant approvedAt,
    Instant validFrom,
    Instant validUntil,
    Status status,
    Instant usedAt,
    String usedBy,
    Long usedRecordCount,
    String usedRecipient) {

  public enum Status { LIVE, USED, EXPIRED, REVOKED }
}
