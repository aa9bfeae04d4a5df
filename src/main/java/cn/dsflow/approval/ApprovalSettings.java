package cn.dsflow.approval;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator settings of the approval flow ({@code dsflow.approval.*}).
 *
 * @param slotWorkingDays working days each approver slot has before it is escalated (no seed sets a number)
 * @param reminderWorkingDaysBefore how many working days before a slot's deadline the reminder goes out
 * @param maxValidityDays the longest time limit (时效) a single authorisation may ask for
 * @param catalogueChangeMonths months for the catalogue change filing after a transfer (000 §2.6: 三个月内)
 */
@ConfigurationProperties("dsflow.approval")
public record ApprovalSettings(
    Integer slotWorkingDays, Integer reminderWorkingDaysBefore, Integer maxValidityDays, Integer catalogueChangeMonths) {

  public ApprovalSettings {
    slotWorkingDays = slotWorkingDays == null ? 3 : slotWorkingDays;
    reminderWorkingDaysBefore = reminderWorkingDaysBefore == null ? 1 : reminderWorkingDaysBefore;
    maxValidityDays = maxValidityDays == null ? 365 : maxValidityDays;
    catalogueChangeMonths = catalogueChangeMonths == null ? 3 : catalogueChangeMonths;
    if (slotWorkingDays < 1 || reminderWorkingDaysBefore < 1 || reminderWorkingDaysBefore >= slotWorkingDays + 1) {
      throw new IllegalArgumentException("dsflow.approval: slot-working-days must be >= 1 and the reminder must fall inside it");
    }
  }

  public Duration maxValidity() {
    return Duration.ofDays(maxValidityDays);
  }
}
