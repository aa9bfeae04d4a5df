package cn.dsflow.apidoc;

import java.util.List;
import java.util.Map;

/**
 * The refusals each /api endpoint gives besides those every endpoint shares, with their {@code error} codes (README REST
 * API, DESIGN.md contracts). OpenApiIT fails when an entry names an endpoint that no longer exists, so this table and
 * the controllers cannot drift apart silently.
 */
final class ApiAnswers {

  record Answer(int status, String codes) {}

  private ApiAnswers() {}

  /** "METHOD path" as Spring maps it → the endpoint's own refusals. */
  static final Map<String, List<Answer>> SPECIFIC = Map.ofEntries(
      Map.entry("GET /api/permits/{id}", List.of(new Answer(404, "not_found: no such permit, or not the caller's to read"))),
      Map.entry("POST /api/permits/{id}/use", List.of(
          new Answer(403, "no_approved_permit, not_executor, team_step_only (a destruction permit)"),
          new Answer(409, "permit_used, permit_expired, permit_revoked, permit_not_yet_valid, inverted_time"),
          new Answer(422, "outside_scope: more records than approved, or another recipient"))),
      Map.entry("GET /api/calendar/working-days/{date}", List.of(new Answer(422, "calendar_year_missing"))),
      Map.entry("GET /api/calendar/deadline", List.of(new Answer(422, "calendar_year_missing"))),
      Map.entry("PUT /api/calendar/years/{year}", List.of(new Answer(400, "invalid_calendar_file: names the fault"))),
      Map.entry("POST /api/incidents/{incidentId}/regrading", List.of(new Answer(409, "not_in_response"))),
      Map.entry("POST /api/cross-border/volumes/corrections", List.of(new Answer(422, "negative_total"))),
      Map.entry("GET /api/destructions/{requestId}/certificate", List.of(new Answer(409, "not_destroyed_yet"))));
}
