package cn.dsflow.notify;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the watchdog on Spring's scheduler on every node, not as a Camunda job: the thing that watches the job executor's
 * deadline jobs must not be a job itself, or the same failure (or the same refused execute calls) would silence it.
 * The same pass posts the report-clock chat alerts ({@link ReportClocks}). Tests switch it off and run the scans
 * themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "dsflow.watchdog.enabled", havingValue = "true", matchIfMissing = true)
class ClockWatchdogSchedule {

  private final ClockWatchdog watchdog;
  private final ReportClocks reportClocks;

  ClockWatchdogSchedule(ClockWatchdog watchdog, ReportClocks reportClocks) {
    this.watchdog = watchdog;
    this.reportClocks = reportClocks;
  }

  @Scheduled(fixedDelayString = "${dsflow.watchdog.interval:PT1M}", initialDelayString = "${dsflow.watchdog.interval:PT1M}")
  void scan() {
    try {
      watchdog.scan();
    } finally {
      reportClocks.scan();
    }
  }
}
