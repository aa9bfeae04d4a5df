package cn.dsflow.ledger;

/** The outcome of re-checking the audit chain: how many rows, and the first broken one if any. */
public record ChainVerification(boolean valid, long checked, Long firstBrokenSeq, String reason, String headHash) {

  static final class Builder {
    private String expectedPrev;
    private long expectedSeq = 1;
    private long checked;
    private Long brokenSeq;
    private String reason;

    Builder(String genesis) {
      this.expectedPrev = genesis;
    }

    void accept(AuditEvent e) {
      if (brokenSeq != null) {
        return;
      }
      checked++;
      if (e.seq() != expectedSeq) {
        fail(expectedSeq, "row " + expectedSeq + " is missing (next row found is " + e.seq() + ")");
        return;
      }
      if (!e.prevHash().equals(expectedPrev)) {
        fail(e.seq(), "row " + e.seq() + " does not link to the hash of row " + (e.seq() - 1));
        return;
      }
      String recomputed =
          Sm3.hex(AuditChain.content(e.prevHash(), e.seq(), e.occurredAt(), e.type(), e.actor(), e.subjectType(),
              e.subjectId(), e.detail()));
      if (!recomputed.equals(e.hash())) {
        fail(e.seq(), "row " + e.seq() + " was altered: its content no longer matches its SM3 hash");
        return;
      }
      expectedPrev = e.hash();
      expectedSeq++;
    }

    private void fail(long seq, String why) {
      brokenSeq = seq;
      reason = why;
    }

    ChainVerification build() {
      return new ChainVerification(brokenSeq == null, checked, brokenSeq, reason, brokenSeq == null ? expectedPrev : null);
    }
  }
}
