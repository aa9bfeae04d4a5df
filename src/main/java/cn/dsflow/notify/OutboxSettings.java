package cn.dsflow.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery of queued notifications ({@code dsflow.outbox.*}).
 *
 * @param maxAttempts sends tried per notification before it is given up and an officer alarm is raised
 * @param backoff wait after the first failed send; it doubles after each further failure, up to {@code maxBackoff}
 * @param maxBackoff the longest wait between two sends
 * @param interval how often each node looks for due notifications
 * @param batchSize notifications one node locks and sends per round
 */
@ConfigurationProperties("dsflow.outbox")
public record OutboxSettings(Integer maxAttempts, Duration backoff, Duration maxBackoff, Duration interval,
    Integer batchSize) {

  public OutboxSettings {
    maxAttempts = maxAttempts == null ? 6 : maxAttempts;
    backoff = backoff == null ? Duration.ofMinutes(1) : backoff;
    maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
    interval = interval == null ? Duration.ofSeconds(5) : interval;
    batchSize = batchSize == null ? 50 : batchSize;
    if (maxAttempts < 1 || batchSize < 1 || !positive(backoff) || !positive(maxBackoff) || !positive(interval)) {
      throw new IllegalArgumentException(
          "dsflow.outbox: max-attempts and batch-size must be >= 1, backoff, max-backoff and interval positive");
    }
  }

  /** The wait after the n-th failed send (n >= 1). */
  public Duration waitAfterFailure(int failures) {
    Duration wait = backoff;
    for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
