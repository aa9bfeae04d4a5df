package cn.dsflow.ledgerview;

import cn.dsflow.system.ChineseLabel;

/**
 * Where an approved request stands in the ledger (000 §3.4.2(2)). The one list the ledger filter accepts; the
 * database's check constraint (V4 migration) holds the same values.
 */
public enum LedgerStatus implements ChineseLabel {
  APPROVED("已批准"),
  USED("已使用"),
  COMPLETED("已完成"),
  EXPIRED("已过期"),
  REVOKED("已撤销");

  private final String chineseName;

  LedgerStatus(String chineseName) {
    this.chineseName = chineseName;
  }

  @Override
  public String chineseName() {
    return chineseName;
  }
}
