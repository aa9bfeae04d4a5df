package cn.dsflow.system;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/**
 * One group task list — the shape of the Tasklist filters 待我审批 and 待我处理: open tasks a candidate group of the
 * user may claim, unassigned, optionally of given definition keys and suspension state, newest or oldest first —
 * recognised in an engine task query after the engine has configured its authorization and tenant checks. Any other
 * shape, and any query for which the engine must check REVOKE authorizations, is not recognised, and the engine runs
 * its own SQL for it (issue 16, docs/benchmark.md "待我审批 at scale").
 *
 * <p>Recognition is by exclusion: every field of the engine's query that this class does not read must still hold
 * the value a new query holds. A criterion added by a later engine version, or one a REST caller sets, therefore
 * falls back to the engine rather than being silently dropped.
 *
 * <p>The getters are what {@code CandidateTaskList.xml} reads; every value is the engine's own, never a variable.
 */
public final class CandidateTaskListing {

  /** Fields of the engine's query read here, or that take effect only after the rows are loaded. */
  /**
   * The statement binds the group lists several times, and PostgreSQL takes at most 65,535 parameters: a caller who
   * names thousands of groups (anyone may, through /engine-rest) gets the engine's statement, which answers them all.
   * Nobody is a member of anywhere near this many groups, so Tasklist's own lists always stay here.
   */
  static final int MAX_GROUPS = 1_000;

  private static final Set<String> READ_HERE = Set.of(
      "candidateGroups", "unassigned", "includeAssignedTasks", "key", "taskDefinitionKeys", "suspensionState",
      // caches and the list of or-queries (checked apart): not criteria
      "cachedCandidateGroups", "cachedUserGroups", "queries",
      // applied by the engine to the loaded tasks (TaskQueryImpl.executeList), not in SQL
      "initializeFormKeys", "withCommentAttachmentInfo",
      // only consulted together with variable criteria, which must be absent
      "variableNamesIgnoreCase", "variableValuesIgnoreCase");

  /**
   * Below this many candidate links of the user's groups, the statement starts from those links (index on the task id)
   * instead of walking all open tasks newest first. A page of 50 walks about 50 × open tasks ÷ links tasks; starting
   * from the links costs one lookup per link; the two meet near √(50 × open tasks): about 2,200 at 100k open tasks.
   * Either way the same rows come back (the candidate condition is asked as "the task is one of the links" instead of
   * "the task has a link"); only the plan differs. Package-private and not final so that {@code CandidateTaskListsIT}
   * can prove both plans equal.
   */
  static volatile int fewLinks = 2_000;

  /**
   * List criteria the engine's statement applies only when they hold at least one value; a filter extended by
   * Tasklist's sorting carries some of them as empty lists.
   */
  private static final Set<String> IGNORED_WHEN_EMPTY = Set.of(
      "taskIdIn", "assigneeIn", "assigneeNotIn", "processInstanceIdIn", "activityInstanceIdIn", "taskDefinitionKeyNotIn",
      "processDefinitionKeys", "processInstanceBusinessKeys", "tenantIds");

  private static final List<Field> CRITERIA = CheckedAccess.criteria(READ_HERE, TaskQueryImpl.class);
  private static final TaskQueryImpl UNSET = new TaskQueryImpl();

  private final List<String> groups;
  private final String taskKey;
  private final List<String> taskKeys;
  private final Integer suspensionState;
  private final String order;
  private final CheckedAccess access;
  private final boolean processTasksOnly;
  private boolean fromLinks;

  private CandidateTaskListing(TaskQueryImpl query, String order, boolean processTasksOnly) {
    this.groups = List.copyOf(query.getCandidateGroupsInternal());
    this.taskKey = query.getKey();
    this.taskKeys = query.getKeys() == null ? null : List.of(query.getKeys());
    this.suspensionState = query.getSuspensionState() == null ? null : query.getSuspensionState().getStateCode();
    this.order = order;
    this.access = CheckedAccess.of(query);
    this.processTasksOnly = processTasksOnly;
  }

  /**
   * The listing the query asks for, if it has the one shape answered here.
   *
   * @param processTasksOnly the engine's own switch: no CMMN and no standalone tasks, so every task has a process
   *     definition (its SQL then joins the definition with an inner join)
   */
  public static Optional<CandidateTaskListing> of(TaskQueryImpl query, boolean processTasksOnly) {
    if (query.getQueries().size() != 1 || query.getQueries().get(0) != query || query.isOrQueryActive()) {
      return Optional.empty();
    }
    List<String> groups = query.getCandidateGroupsInternal();
    List<String> authGroups = query.getAuthCheck().getAuthGroupIds();
    if (groups == null || groups.isEmpty() || groups.size() > MAX_GROUPS
        || (authGroups != null && authGroups.size() > MAX_GROUPS)
        || Boolean.TRUE.equals(query.isIncludeAssignedTasksInternal())
        || (query.getKeys() != null && query.getKeys().length == 0) || !onlyReadCriteriaSet(query)) {
      return Optional.empty();
    }
    String order = order(query.getOrderingProperties());
    if (order == null || !authorizationAnsweredHere(query.getAuthCheck())) {
      return Optional.empty();
    }
    return Optional.of(new CandidateTaskListing(query, order, processTasksOnly));
  }

  private static boolean onlyReadCriteriaSet(TaskQueryImpl query) {
    return CheckedAccess.onlyTheseSet(query, UNSET, CRITERIA, field -> IGNORED_WHEN_EMPTY.contains(field.getName()));
  }

  /** The engine's default order (by id), or by creation time either way; the engine sorts by nothing else here. */
  private static String order(List<QueryOrderingProperty> ordering) {
    if (ordering.isEmpty()) {
      return "ID";
    }
    if (ordering.size() != 1) {
      return null;
    }
    QueryOrderingProperty only = ordering.get(0);
    if (only.getRelation() != null || only.getDirection() == null
        || !"CREATE_TIME_".equals(only.getQueryProperty().getName()) || only.getQueryProperty().getFunction() != null) {
      return null;
    }
    return "desc".equals(only.getDirection().getName()) ? "CREATED_DESC" : "CREATED_ASC";
  }

  /**
   * No check at all, or exactly the engine's task check (READ on the task, or READ_TASK on its process definition)
   * without REVOKE authorizations: with a REVOKE the engine weighs user against group grants per resource, which
   * stays the engine's SQL.
   */
  private static boolean authorizationAnsweredHere(AuthorizationCheck auth) {
    if (!CheckedAccess.isChecked(auth)) {
      return true;
    }
    if (!CheckedAccess.answerable(auth)) {
      return false;
    }
    CompositePermissionCheck checks = auth.getPermissionChecks();
    if (!checks.isDisjunctive() || !checks.getCompositeChecks().isEmpty() || checks.getAtomicChecks().size() != 2) {
      return false;
    }
    PermissionCheck task = checks.getAtomicChecks().get(0);
    PermissionCheck definition = checks.getAtomicChecks().get(1);
    return task.getResourceType() == Resources.TASK.resourceType() && task.getPerms() == Permissions.READ.getValue()
        && "RES.ID_".equals(task.getResourceIdQueryParam())
        && definition.getResourceType() == Resources.PROCESS_DEFINITION.resourceType()
        && definition.getPerms() == ProcessDefinitionPermissions.READ_TASK.getValue()
        && "D.KEY_".equals(definition.getResourceIdQueryParam());
  }

  public List<String> getGroups() {
    return groups;
  }

  public String getTaskKey() {
    return taskKey;
  }

  public List<String> getTaskKeys() {
    return taskKeys;
  }

  public Integer getSuspensionState() {
    return suspensionState;
  }

  /** {@code ID}, {@code CREATED_DESC} or {@code CREATED_ASC}. */
  public String getOrder() {
    return order;
  }

  public CheckedAccess getAccess() {
    return access;
  }

  public boolean isProcessTasksOnly() {
    return processTasksOnly;
  }

  /** The bound of the link count asked before a list (see {@link #fewLinks}). */
  public int getFewLinks() {
    return fewLinks;
  }

  /** Whether the statement starts from the candidate links (few of them) rather than from all open tasks. */
  public boolean isFromLinks() {
    return fromLinks;
  }

  CandidateTaskListing fromLinks(long links) {
    this.fromLinks = links < fewLinks;
    return this;
  }
}
