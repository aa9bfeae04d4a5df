package cn.dsflow.permit;

import java.time.Instant;
import java.util.Collection;

/**
 * What a fully approved request earns: a permit, and for which window — or nothing, and why. A plain rule, so its
 * boundaries are tested without the engine ({@code PermitTermsTest}); {@link PermitIssuer} applies it.
 *
 * <ul>
 *   <li>Every decision must have been taken on the registered content (hash): an approval of other content is void.</li>
 *   <li>A request whose time limit has run out by the time the last approval lands gets no permit ("时效"; the limit
 *       itself is not a usable moment, so a permit issued at it would be dead on arrival).</li>
 *   <li>The permit starts at the requested start, or now when that has passed; it never starts before its approval
 *       (000 §3.4.2(3): approval precedes the act).</li>
 *   <li>A cross-border permit ends no later than the assessment, filing or counting year it rests on (000 §8.1.2(4)):
 *       a route limit can only shorten the requested window, never lengthen it.</li>
 * </ul>
 *
 * @param outcome ISSUED, CONTENT_CHANGED or EXPIRED (the process variable {@code permitOutcome})
 * @param validFrom first usable moment (only when issued)
 * @param validUntil last usable moment (only when issued)
 */
public record PermitTerms(Outcome outcome, Instant validFrom, Instant validUntil) {

  public enum Outcome { ISSUED, CONTENT_CHANGED, EXPIRED }

  public static PermitTerms decide(String registeredHash, Collection<String> decidedOnHashes, Instant now,
      Instant requestedFrom, Instant requestedUntil, Instant routeLimit) {
    if (decidedOnHashes.stream().anyMatch(h -> !registeredHash.equals(h))) {
      return new PermitTerms(Outcome.CONTENT_CHANGED, null, null);
    }
    if (!requestedUntil.isAfter(now)) {
      return new PermitTerms(Outcome.EXPIRED, null, null);
    }
    Instant from = requestedFrom.isAfter(now) ? requestedFrom : now;
    Instant until = routeLimit != null && routeLimit.isBefore(requestedUntil) ? routeLimit : requestedUntil;
    return new PermitTerms(Outcome.ISSUED, from, until);
  }

  public boolean issued() {
    return outcome == Outcome.ISSUED;
  }
}
