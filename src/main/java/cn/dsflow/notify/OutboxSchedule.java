package cn.dsflow.notify;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Drains the outbox on Spring's scheduler on every node (the rows are shared out by {@code SKIP LOCKED}), not as a
 * Camunda job: the mails that report a broken job executor (ClockWatchdog) must not depend on that job executor.
 * Tests switch it off and call {@link OutboxWorker#drainNow()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "dsflow.outbox.worker-enabled", havingValue = "true", matchIfMissing = true)
class OutboxSchedule {

  private final OutboxWorker worker;

  OutboxSchedule(OutboxWorker worker) {
    this.worker = worker;
  }

  @Scheduled(fixedDelayString = "${dsflow.outbox.interval:PT5S}", initialDelayString = "${dsflow.outbox.interval:PT5S}")
  void drain() {
    worker.drainNow();
  }
}
