package cn.dsflow.crossborder;

/** The exemptions of 000 §8.5 a requester may claim (DESIGN.md {@code exemptionGround}). */
public enum ExemptionGround {
  NONE,
  /** §8.5(1): trade, transport, academic, manufacturing or marketing data with no personal information and no important data. */
  TRADE_NO_PERSONAL_OR_IMPORTANT,
  /** §8.5(2): necessary to conclude or perform a contract to which the individual is a party. */
  CONTRACT_WITH_INDIVIDUAL,
  /** §8.5(3): cross-border HR management under lawful labour rules and collective contracts. */
  CROSS_BORDER_HR,
  /** §8.5(4): emergency, to protect a natural person's life, health or property. */
  EMERGENCY,
  /** §8.5(6): free-trade-zone data outside its negative list. */
  FTZ_OUTSIDE_LIST
}
