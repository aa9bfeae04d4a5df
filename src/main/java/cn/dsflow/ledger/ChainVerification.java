package cn.dsflow.ledger;

import java.time.Instant;

/**
 * The outcome of re-checking the audit chain: how many sealed rows, the first broken one if any (by chain position,
 * and by append number when that row exists), and the unsealed tail: rows committed but not yet linked, with the
 * oldest one's time, so a stopped sealer shows here rather than going unnoticed.
 */
public record ChainVerification(
    boolean valid,
    long checked,
    Long firstBrokenPosition,
    Long firstBrokenSeq,
    String reason,
    String headHash,
    long unsealed,
    Instant oldestUnsealedAt) {

  static final class Builder {
    private String expectedPrev;
    private long expectedPosition = 1;
    private long checked;
    private Long brokenPosition;
    private Long brokenSeq;
    private String reason;
    private long unsealed;
    private Instant oldestUnsealedAt;

    Builder(String genesis) {
      this.expectedPrev = genesis;
    }

    void unsealed(long count, Instant oldest) {
      this.unsealed = count;
      this.oldestUnsealedAt = oldest;
    }

    void accept(AuditEvent e) {
      if (brokenPosition != null) {
        return;
      }
      checked++;
      long position = e.position();
      if (position != expectedPosition) {
        fail(expectedPosition, null,
            "position " + expectedPosition + " is missing (next row found is at " + position + ", seq " + e.seq() + ")");
        return;
      }
      if (!e.prevHash().equals(expectedPrev)) {
        fail(position, e.seq(), "position " + position + " (seq " + e.seq() + ") does not link to the hash of position "
            + (position - 1));
        return;
      }
      String recomputed =
          Sm3.hex(AuditChain.content(e.prevHash(), position, e.occurredAt(), e.type(), e.actor(), e.subjectType(),
              e.subjectId(), e.detail()));
      if (!recomputed.equals(e.hash())) {
        fail(position, e.seq(),
            "position " + position + " (seq " + e.seq() + ") was altered: its content no longer matches its SM3 hash");
        return;
      }
      expectedPrev = e.hash();
      expectedPosition++;
    }

    private void fail(long position, Long seq, String why) {
      brokenPosition = position;
      brokenSeq = seq;
      reason = why;
    }

    ChainVerification build() {
      return new ChainVerification(brokenPosition == null, checked, brokenPosition, brokenSeq, reason,
          brokenPosition == null ? expectedPrev : null, unsealed, oldestUnsealedAt);
    }
  }
}
