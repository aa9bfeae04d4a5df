package cn.dsflow.system;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.TenantCheck;

/**
 * Who asks and what the engine checks for one query — the signed-in user, the groups the engine will consider, the
 * permission checks it would turn into SQL, whether case rows pass unchecked, the tenant check — taken from the query
 * after the engine's own authorization and tenant managers configured it. dsflow's statements for the task lists
 * ({@code CandidateTaskList.xml}) read these getters; every value is the engine's, never a variable. Also how those
 * statements recognise a query shape: by exclusion over the engine's query fields ({@link #onlyTheseSet}).
 */
public final class CheckedAccess {

  private final String authUserId;
  private final List<String> authGroupIds;
  private final List<PermissionCheck> permissionChecks;
  private final boolean caseRowsVisible;
  private final boolean tenantCheck;
  private final List<String> tenantIds;

  private CheckedAccess(ListQueryParameterObject query) {
    AuthorizationCheck auth = query.getAuthCheck();
    boolean checked = isChecked(auth);
    this.authUserId = checked ? auth.getAuthUserId() : null;
    this.authGroupIds = checked && auth.getAuthGroupIds() != null ? List.copyOf(auth.getAuthGroupIds()) : List.of();
    // the atomic checks are what the engine's own statement turns into SQL
    this.permissionChecks = checked ? List.copyOf(auth.getPermissionChecks().getAtomicChecks()) : List.of();
    this.caseRowsVisible = checked && auth.isUseLeftJoin();
    TenantCheck tenants = query.getTenantCheck();
    this.tenantCheck = tenants.isTenantCheckEnabled();
    this.tenantIds = tenants.getAuthTenantIds() == null ? List.of() : List.copyOf(tenants.getAuthTenantIds());
  }

  static CheckedAccess of(ListQueryParameterObject configuredQuery) {
    return new CheckedAccess(configuredQuery);
  }

  /** Whether the engine checks a signed-in user's authorizations for this query. */
  static boolean isChecked(AuthorizationCheck auth) {
    return auth != null && auth.getShouldPerformAuthorizatioCheck() && auth.getAuthUserId() != null;
  }

  /**
   * Whether dsflow's statements can apply the engine's check: none at all, or a disjunctive one without REVOKE
   * authorizations (with a REVOKE the engine weighs user against group grants per resource, which stays the engine's
   * SQL) for at most {@link CandidateTaskListing#MAX_GROUPS} groups (PostgreSQL binds at most 65,535 parameters).
   */
  static boolean answerable(AuthorizationCheck auth) {
    if (!isChecked(auth)) {
      return true;
    }
    List<String> groups = auth.getAuthGroupIds();
    return !auth.isRevokeAuthorizationCheckEnabled() && auth.getPermissionChecks().isDisjunctive()
        && !auth.getPermissionChecks().getAtomicChecks().isEmpty()
        && (groups == null || groups.size() <= CandidateTaskListing.MAX_GROUPS);
  }

  /** The instance fields of the given query classes, except those named: the criteria a shape must leave unset. */
  static List<Field> criteria(Set<String> readHere, Class<?>... types) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> type : types) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !readHere.contains(field.getName())) {
          field.setAccessible(true);
          fields.add(field);
        }
      }
    }
    return List.copyOf(fields);
  }

  /**
   * Whether every criterion still holds the value a new query holds, or is one the engine's statement ignores when
   * empty. A criterion a later engine version adds, or one a REST caller sets, thus sends the query to the engine.
   */
  static boolean onlyTheseSet(Object query, Object fresh, List<Field> criteria, Predicate<Field> ignoredWhenEmpty) {
    try {
      for (Field field : criteria) {
        Object value = field.get(query);
        boolean unset = Objects.deepEquals(value, field.get(fresh)) || (ignoredWhenEmpty.test(field) && isEmpty(value));
        if (!unset) {
          return false;
        }
      }
      return true;
    } catch (IllegalAccessException e) {
      return false; // cannot tell: the engine answers
    }
  }

  private static boolean isEmpty(Object value) {
    return (value instanceof Object[] array && array.length == 0)
        || (value instanceof java.util.Collection<?> collection && collection.isEmpty());
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

  /** Whether rows of case instances pass without a grant, as in the engine's left-joined check. */
  public boolean isCaseRowsVisible() {
    return caseRowsVisible;
  }

  public boolean isTenantCheck() {
    return tenantCheck;
  }

  public List<String> getTenantIds() {
    return tenantIds;
  }
}
