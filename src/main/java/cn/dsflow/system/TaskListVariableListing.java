package cn.dsflow.system;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.AbstractVariableQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.TenantCheck;

/**
 * The variables a Tasklist list shows beside its tasks — the shape of the engine REST filter list: named variables
 * of the listed tasks' scopes (each task, its execution, its process instance), recognised in an engine variable query
 * after the engine has configured its authorization and tenant checks. Any other shape, and any query for which the
 * engine must weigh REVOKE authorizations, is not recognised and runs the engine's own SQL (issue 16,
 * docs/benchmark.md "待我审批 at scale").
 *
 * <p>Recognition is by exclusion, as in {@link CandidateTaskListing}: every field of the engine's query that this
 * class does not read must still hold the value a new query holds, so a criterion a later engine version adds, or one
 * a REST caller sets, goes to the engine rather than being dropped.
 *
 * <p>The getters are what {@code CandidateTaskList.xml} reads; every value is the engine's own, never a variable.
 */
public final class TaskListVariableListing {

  /** Fields read here, or applied by the engine to the loaded rows (not criteria). */
  private static final Set<String> READ_HERE = Set.of(
      "variableScopeIds", "variableNames", "isByteArrayFetchingEnabled", "isCustomObjectDeserializationEnabled",
      // only consulted together with value criteria, which must be absent
      "variableNamesIgnoreCase", "variableValuesIgnoreCase");

  /** Bound per list, as for task lists: PostgreSQL takes at most 65,535 parameters per statement. */
  static final int MAX_IDS = 1_000;

  private static final List<Field> CRITERIA = criteria();
  private static final VariableInstanceQueryImpl UNSET = new VariableInstanceQueryImpl();

  private final List<String> scopeIds;
  private final List<String> names;
  private final String authUserId;
  private final List<String> authGroupIds;
  private final List<PermissionCheck> permissionChecks;
  private final boolean caseVariablesVisible;
  private final boolean tenantCheck;
  private final List<String> tenantIds;

  private TaskListVariableListing(VariableInstanceQueryImpl query) {
    this.scopeIds = List.of(query.getVariableScopeIds());
    this.names = query.getVariableNames() == null ? List.of() : List.of(query.getVariableNames());
    AuthorizationCheck auth = query.getAuthCheck();
    boolean checked = auth.getShouldPerformAuthorizatioCheck() && auth.getAuthUserId() != null;
    this.authUserId = checked ? auth.getAuthUserId() : null;
    this.authGroupIds = checked && auth.getAuthGroupIds() != null ? List.copyOf(auth.getAuthGroupIds()) : List.of();
    // the atomic checks are what the engine's own statement turns into SQL for this query
    this.permissionChecks = checked ? List.copyOf(auth.getPermissionChecks().getAtomicChecks()) : List.of();
    this.caseVariablesVisible = checked && auth.isUseLeftJoin();
    TenantCheck tenants = query.getTenantCheck();
    this.tenantCheck = tenants.isTenantCheckEnabled();
    this.tenantIds = tenants.getAuthTenantIds() == null ? List.of() : List.copyOf(tenants.getAuthTenantIds());
  }

  /** The listing the query asks for, if it has the one shape answered here. */
  public static Optional<TaskListVariableListing> of(VariableInstanceQueryImpl query) {
    String[] scopes = query.getVariableScopeIds();
    String[] names = query.getVariableNames();
    if (scopes == null || scopes.length == 0 || scopes.length > MAX_IDS
        || (names != null && names.length > MAX_IDS) || !query.getOrderingProperties().isEmpty()
        || !onlyReadCriteriaSet(query) || !authorizationAnsweredHere(query.getAuthCheck())) {
      return Optional.empty();
    }
    return Optional.of(new TaskListVariableListing(query));
  }

  private static boolean onlyReadCriteriaSet(VariableInstanceQueryImpl query) {
    try {
      for (Field field : CRITERIA) {
        Object value = field.get(query);
        boolean unset = Objects.deepEquals(value, field.get(UNSET))
            || (value instanceof Object[] array && array.length == 0); // the engine's statement skips empty lists
        if (!unset) {
          return false;
        }
      }
      return true;
    } catch (IllegalAccessException e) {
      return false; // cannot tell: the engine answers
    }
  }

  /**
   * No check at all, or a disjunctive check without REVOKE authorizations: with a REVOKE the engine weighs user
   * against group grants per resource, which stays the engine's SQL.
   */
  private static boolean authorizationAnsweredHere(AuthorizationCheck auth) {
    if (!(auth.getShouldPerformAuthorizatioCheck() && auth.getAuthUserId() != null)) {
      return true;
    }
    List<String> groups = auth.getAuthGroupIds();
    return !auth.isRevokeAuthorizationCheckEnabled() && auth.getPermissionChecks().isDisjunctive()
        && !auth.getPermissionChecks().getAtomicChecks().isEmpty()
        && (groups == null || groups.size() <= CandidateTaskListing.MAX_GROUPS);
  }

  private static List<Field> criteria() {
    List<Field> fields = new ArrayList<>();
    for (Class<?> type : List.of(VariableInstanceQueryImpl.class, AbstractVariableQueryImpl.class)) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !READ_HERE.contains(field.getName())) {
          field.setAccessible(true);
          fields.add(field);
        }
      }
    }
    return List.copyOf(fields);
  }

  public List<String> getScopeIds() {
    return scopeIds;
  }

  public List<String> getNames() {
    return names;
  }

  /** The signed-in user whose authorizations decide, or null when the engine checks none for this query. */
  public String getAuthUserId() {
    return authUserId;
  }

  public List<String> getAuthGroupIds() {
    return authGroupIds;
  }

  public List<PermissionCheck> getPermissionChecks() {
    return permissionChecks;
  }

  public boolean isCaseVariablesVisible() {
    return caseVariablesVisible;
  }

  public boolean isTenantCheck() {
    return tenantCheck;
  }

  public List<String> getTenantIds() {
    return tenantIds;
  }
}
