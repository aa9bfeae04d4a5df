package cn.dsflow.incident;

import cn.dsflow.process.IncidentVariables;
import cn.dsflow.system.EngineRefusal;

/**
 * The incident lead's grading against the tables' proposal, as a plain rule ({@code GradingRuleTest}); applied by
 * {@link GradingConfirmation}.
 *
 * <ul>
 *   <li>A level other than the tables' on either scale (MIIT plan, CAC Measures) needs a reason of at least
 *       {@value #MIN_REASON} characters, so a later reviewer sees why the lead departed from the table.</li>
 *   <li>When the facts hit an hour boundary of the tables, confirming the higher MIIT level still needs the lead's
 *       review written down.</li>
 *   <li>An upgrade takes effect at once; a level below the proposal does not take effect on the lead's word alone:
 *       the tables' level stands, with its duties, until a second person approves the downgrade
 *       ({@link DowngradeReview}).</li>
 * </ul>
 *
 * @param miit the MIIT level in force now
 * @param cac the CAC level in force now
 * @param overridden the lead departed from the tables on either scale
 * @param downgrade the lead asked for less than the tables on either scale: a second person must decide
 */
public record GradingRule(IncidentLevel miit, IncidentLevel cac, boolean overridden, boolean downgrade) {

  /** The shortest reason that counts as one. */
  public static final int MIN_REASON = 5;

  public static GradingRule decide(IncidentLevel proposedMiit, IncidentLevel proposedCac, IncidentLevel confirmedMiit,
      IncidentLevel confirmedCac, String reason, boolean hourBoundary) {
    boolean overridden = confirmedMiit != proposedMiit || confirmedCac != proposedCac;
    boolean reasoned = reason != null && reason.strip().length() >= MIN_REASON;
    if (overridden && !reasoned) {
      throw EngineRefusal.invalid(IncidentVariables.GRADING_REASON.name(),
          "与分级表结果不同，须说明理由 (a level other than the table's needs a reason)");
    }
    if (hourBoundary && confirmedMiit == proposedMiit && !reasoned) {
      throw EngineRefusal.invalid(IncidentVariables.GRADING_REASON.name(),
          "恰在小时边界，从高定级须说明复核意见 (an hour boundary was hit: record the review of the higher level)");
    }
    boolean downgrade = !confirmedMiit.isAtLeast(proposedMiit) || !confirmedCac.isAtLeast(proposedCac);
    return new GradingRule(IncidentLevel.higher(confirmedMiit, proposedMiit), IncidentLevel.higher(confirmedCac, proposedCac),
        overridden, downgrade);
  }
}
