package cn.dsflow.identity;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ordinary user may do through Camunda's generic REST API ({@code /engine-rest} and the webapps'
 * {@code /camunda/api/engine}): read what Camunda's authorizations let them read, start a process through its start
 * form, work a task they are a candidate for (claim it for themselves, complete or submit its form, give it back,
 * resolve it once delegated), write comments and attachments, and change their own password. Every other write is an
 * operation on the engine itself (modification, migration, restart, messages and signals, variables, identity
 * links, jobs, suspension, deletion, profiles) and is for the administrator only: the trust model of DESIGN.md holds
 * only while ordinary users cannot move an instance past its rules. An allow-list, so an endpoint Camunda adds later
 * is closed until someone decides otherwise.
 *
 * <p>Pure: the path is the part after the engine's root ({@code task/42/complete}); the servlet filter
 * {@link EngineApiGuard} supplies it and applies the body-dependent rules.
 */
public final class EngineOperationPolicy {

  /** What kind of call a request is, and the id of the task or process definition it is about. */
  public enum Kind {
    /** A read, or a query sent by POST; Camunda's authorizations decide what it returns. */
    READ,
    /** Counts of running and finished instances, metrics, reports: officers and admin only (issue 13). */
    STATISTICS,
    /** A start through the start form; start instructions and skip flags refused, variables checked. */
    START,
    /** {@code complete} or {@code submit-form} on a task; variables checked against its form. */
    COMPLETE,
    /** {@code resolve} on a task; only when the task was delegated, variables checked. */
    RESOLVE,
    CLAIM,
    UNCLAIM,
    /** Comments and attachments on a task; their own rules live elsewhere (issue 20). */
    TASK_NOTE,
    /** A change of the caller's own password; Camunda asks for the current one. */
    OWN_PASSWORD,
    /** Jobs, job definitions, external tasks, incidents, batches, suspension: the engine's clocks (issue 20). */
    CLOCKWORK,
    /** Everything else that writes. */
    ENGINE_OPERATION
  }

  public record Operation(Kind kind, String subject) {}

  private static final Pattern START =
      Pattern.compile("process-definition/(key/[^/]+(?:/tenant-id/[^/]+)?|[^/]+)/(start|submit-form)");
  private static final Pattern TASK_ACTION =
      Pattern.compile("task/([^/]+)/(complete|submit-form|resolve|claim|unclaim)");
  private static final Pattern TASK_NOTE = Pattern.compile("task/([^/]+)/(comment|attachment)(/.*)?");
  private static final Pattern CREDENTIALS = Pattern.compile("user/([^/]+)/credentials");
  private static final Pattern FILTER_QUERY = Pattern.compile("filter/[^/]+/(list|count|singleResult)");
  private static final Pattern HISTORY_QUERY = Pattern.compile("history/([^/]+)(/count)?");

  /** Collections that Camunda also queries by POST (the criteria travel in the body). */
  private static final Set<String> QUERY_ROOTS =
      Set.of("task", "process-instance", "execution", "variable-instance", "external-task", "job");

  private static final List<String> CLOCKWORK_ROOTS =
      List.of("job", "job-definition", "external-task", "incident", "batch");

  private EngineOperationPolicy() {}

  /**
   * Classifies a request. {@code path} has no leading slash and no engine prefix; {@code method} is the HTTP method.
   */
  public static Operation classify(String method, String path) {
    String[] segments = path.split("/");
    if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
      return new Operation(isStatistics(segments) ? Kind.STATISTICS : Kind.READ, path);
    }
    Matcher m = START.matcher(path);
    if (m.matches() && "POST".equals(method)) {
      return new Operation(Kind.START, m.group(1));
    }
    m = TASK_ACTION.matcher(path);
    if (m.matches() && "POST".equals(method)) {
      Kind kind = switch (m.group(2)) {
        case "resolve" -> Kind.RESOLVE;
        case "claim" -> Kind.CLAIM;
        case "unclaim" -> Kind.UNCLAIM;
        default -> Kind.COMPLETE;
      };
      return new Operation(kind, m.group(1));
    }
    m = TASK_NOTE.matcher(path);
    if (m.matches()) {
      return new Operation(Kind.TASK_NOTE, m.group(1));
    }
    m = CREDENTIALS.matcher(path);
    if (m.matches() && "PUT".equals(method)) {
      return new Operation(Kind.OWN_PASSWORD, m.group(1));
    }
    if ("POST".equals(method) && isQuery(path, segments)) {
      return new Operation(isStatistics(segments) ? Kind.STATISTICS : Kind.READ, path);
    }
    if (CLOCKWORK_ROOTS.contains(segments[0]) || path.contains("suspended")) {
      return new Operation(Kind.CLOCKWORK, path);
    }
    return new Operation(Kind.ENGINE_OPERATION, path);
  }

  private static boolean isQuery(String path, String[] segments) {
    if (FILTER_QUERY.matcher(path).matches() || "identity/password-policy".equals(path)) {
      return true;
    }
    Matcher history = HISTORY_QUERY.matcher(path);
    if (history.matches()) {
      return !"cleanup".equals(history.group(1));
    }
    return QUERY_ROOTS.contains(segments[0])
        && (segments.length == 1 || segments.length == 2 && "count".equals(segments[1]));
  }

  /**
   * Engine statistics, metrics and reports show how many incident responses and requests are running: not for
   * employees (issue 13).
   */
  private static boolean isStatistics(String[] segments) {
    if ("metrics".equals(segments[0]) || "telemetry".equals(segments[0])) {
      return true;
    }
    for (String s : segments) {
      if ("statistics".equals(s) || "report".equals(s) || s.endsWith("-report") || s.startsWith("cleanable-")) {
        return true;
      }
    }
    return false;
  }
}
