package cn.dsflow.intake;

import cn.dsflow.system.EngineRefusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bound rule for declared times, without Spring: the case's start and the server's now, both sides of each. */
class ClaimedTimeTest {

  static final Instant DISCOVERED = OffsetDateTime.parse("2026-11-23T09:40:00+08:00").toInstant();
  static final Instant NOW = OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant();
  static final Duration GRACE = Duration.ofMinutes(5);
  static final ClaimedTime.Bounds BOUNDS = new ClaimedTime.Bounds(DISCOVERED, "事件发现时间", NOW, GRACE);

  static Stream<String> claimedFields() {
    return ClaimedTimes.AFTER_CASE_START.stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("claimedFields")
  void aClaimAtTheCaseStartIsAccepted_aSecondBeforeIsRefusedNamingBothBoundsInBeijingTime(String field) {
    assertThat(ClaimedTime.check(field, DISCOVERED, false, BOUNDS)).isEqualTo(DISCOVERED);
    assertThatThrownBy(() -> ClaimedTime.check(field, DISCOVERED.minusSeconds(1), false, BOUNDS))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> {
          assertThat(r.status()).isEqualTo(400);
          assertThat(r.reason()).startsWith(field + ": 早于事件发现时间")
              .contains("2026-11-23 09:40").contains("2026-11-23 10:05").contains("北京时间");
        });
  }

  @Test
  void aClaimToTheMinuteOfACaseStartWithSecondsIsAccepted_theMinuteBeforeIsRefused() {
    Instant started = OffsetDateTime.parse("2026-11-23T09:40:43+08:00").toInstant();
    ClaimedTime.Bounds bounds = new ClaimedTime.Bounds(started, "授权使用时间", NOW, GRACE);
    Instant sameMinute = OffsetDateTime.parse("2026-11-23T09:40:00+08:00").toInstant();
    assertThat(ClaimedTime.check("completedAt", sameMinute, false, bounds)).isEqualTo(sameMinute);
    assertThatThrownBy(() -> ClaimedTime.check("completedAt", sameMinute.minusSeconds(1), false, bounds))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> assertThat(r.reason()).contains("2026-11-23 09:40"));
  }

  @ParameterizedTest
  @MethodSource("claimedFields")
  void aClaimAtNowPlusTheGraceIsAccepted_aSecondLaterIsRefusedNamingBothBounds(String field) {
    Instant latest = NOW.plus(GRACE);
    assertThat(ClaimedTime.check(field, latest, false, BOUNDS)).isEqualTo(latest);
    assertThatThrownBy(() -> ClaimedTime.check(field, latest.plusSeconds(1), false, BOUNDS))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> assertThat(r.reason())
            .startsWith(field + ": 晚于当前时间").contains("2026-11-23 09:40").contains("2026-11-23 10:05"));
  }

  @Test
  void aDeclaredDayCountsFromTheBeijingDayOfTheCaseStartToTheBeijingDayOfNow() {
    Instant dayOfDiscovery = OffsetDateTime.parse("2026-11-23T00:00:00+08:00").toInstant();
    assertThat(ClaimedTime.check("cacSubmittedDate", dayOfDiscovery, true, BOUNDS)).isEqualTo(dayOfDiscovery);
    assertThatThrownBy(() -> ClaimedTime.check("cacSubmittedDate", dayOfDiscovery.minus(Duration.ofDays(1)), true, BOUNDS))
        .isInstanceOf(EngineRefusal.class);
    Instant tomorrow = dayOfDiscovery.plus(Duration.ofDays(1));
    assertThatThrownBy(() -> ClaimedTime.check("cacSubmittedDate", tomorrow, true, BOUNDS))
        .isInstanceOf(EngineRefusal.class);
  }

  @Test
  void aTimeThatMayPrecedeTheCaseIsStillRefusedInTheFuture() {
    ClaimedTime.Bounds upperOnly = new ClaimedTime.Bounds(null, "案件登记时间", NOW, GRACE);
    Instant longAgo = OffsetDateTime.parse("2020-01-01T00:00:00+08:00").toInstant();
    assertThat(ClaimedTime.check("exportLicenceDate", longAgo, false, upperOnly)).isEqualTo(longAgo);
    assertThat(ClaimedTime.check("exportLicenceDate", NOW.plus(GRACE), false, upperOnly)).isEqualTo(NOW.plus(GRACE));
    assertThatThrownBy(() -> ClaimedTime.check("exportLicenceDate", NOW.plus(GRACE).plusSeconds(1), false, upperOnly))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> assertThat(r.reason()).contains("2026-11-23 10:05").doesNotContain("-  "));
  }

  /** A new past-time field on a form must be classified, or it would escape the rule unnoticed. */
  @Test
  void everyDateOrTimeFieldOnATaskFormIsEitherBoundedOrKnownToBeTheCaseStartOrAFutureDate() throws Exception {
    Set<String> caseStarts = Set.of("discoveredAt", "foundDate", "requestReceivedAt", "changeDate");
    // bounded by their own listeners: after the permit's use, after the request
    Set<String> ownListener = Set.of("completedAt", "filedAt");
    Set<String> future = Set.of("validFrom", "validUntil", "assessmentValidUntil", "feedbackDueDate", "remediationDueDate");
    ObjectMapper json = new ObjectMapper();
    List<String> unclassified = new ArrayList<>();
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("forms"))) {
      for (java.nio.file.Path p : files.toList()) {
        json.readTree(p.toFile()).findParents("type").stream()
            .filter(c -> "datetime".equals(c.path("type").asText()) && c.has("key"))
            .map(c -> c.path("key").asText())
            .filter(k -> !ClaimedTimes.AFTER_CASE_START.contains(k) && !ClaimedTimes.NOT_IN_FUTURE.contains(k)
                && !caseStarts.contains(k) && !future.contains(k) && !ownListener.contains(k))
            .forEach(k -> unclassified.add(p.getFileName() + ":" + k));
      }
    }
    assertThat(unclassified).isEmpty();
  }
}
