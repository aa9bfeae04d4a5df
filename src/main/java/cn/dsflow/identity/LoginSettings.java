package cn.dsflow.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Login throttling ({@code dsflow.login.*}).
 *
 * @param maxFailures wrong passwords from one address for one account, within {@code lockDuration}, before that address
 *     may not try that account again until {@code lockDuration} has passed
 * @param lockDuration how long such a lock lasts, and the window in which failures are counted
 */
@ConfigurationProperties("dsflow.login")
public record LoginSettings(Integer maxFailures, Duration lockDuration) {

  public LoginSettings {
    maxFailures = maxFailures == null ? 5 : maxFailures;
    lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
    if (maxFailures < 1 || lockDuration.isNegative() || lockDuration.isZero()) {
      throw new IllegalArgumentException("dsflow.login: max-failures must be >= 1 and lock-duration positive");
    }
  }
}
