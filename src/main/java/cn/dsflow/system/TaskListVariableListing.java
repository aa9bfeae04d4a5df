package cn.dsflow.system;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.AbstractVariableQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;

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

  private static final List<Field> CRITERIA =
      CheckedAccess.criteria(READ_HERE, VariableInstanceQueryImpl.class, AbstractVariableQueryImpl.class);
  private static final VariableInstanceQueryImpl UNSET = new VariableInstanceQueryImpl();

  private final List<String> scopeIds;
  private final List<String> names;
  private final CheckedAccess access;

  private TaskListVariableListing(VariableInstanceQueryImpl query) {
    this.scopeIds = List.of(query.getVariableScopeIds());
    this.names = query.getVariableNames() == null ? List.of() : List.of(query.getVariableNames());
    this.access = CheckedAccess.of(query);
  }

  /** The listing the query asks for, if it has the one shape answered here. */
  public static Optional<TaskListVariableListing> of(VariableInstanceQueryImpl query) {
    String[] scopes = query.getVariableScopeIds();
    String[] names = query.getVariableNames();
    if (scopes == null || scopes.length == 0 || scopes.length > MAX_IDS
        || (names != null && names.length > MAX_IDS) || !query.getOrderingProperties().isEmpty()
        // a null among the ids (anyone can send one through /engine-rest): the engine's statement answers it
        || java.util.Arrays.asList(scopes).contains(null) || (names != null && java.util.Arrays.asList(names).contains(null))
        // the engine's statement skips every empty list criterion
        || !CheckedAccess.onlyTheseSet(query, UNSET, CRITERIA, field -> true)
        || !CheckedAccess.answerable(query.getAuthCheck())) {
      return Optional.empty();
    }
    return Optional.of(new TaskListVariableListing(query));
  }

  public List<String> getScopeIds() {
    return scopeIds;
  }

  public List<String> getNames() {
    return names;
  }

  public CheckedAccess getAccess() {
    return access;
  }
}
