package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.junit.jupiter.api.Test;

/**
 * Which variable queries dsflow's statement answers (TaskListVariables): the REST filter list's shape only; anything
 * else, including ids a caller can send that the statement cannot bind, goes to the engine's own statement.
 */
class TaskListVariableListingTest {

  static VariableInstanceQueryImpl tasklistAsks() {
    VariableInstanceQueryImpl q = new VariableInstanceQueryImpl();
    q.disableBinaryFetching().disableCustomObjectDeserialization().variableNameIn("requestSummary", "dataLevel")
        .variableScopeIdIn("task-1", "execution-1", "instance-1");
    return q;
  }

  @Test
  void theFilterListsVariableQueryIsAnsweredHere() {
    TaskListVariableListing listing = TaskListVariableListing.of(tasklistAsks()).orElseThrow();
    assertThat(listing.getScopeIds()).containsExactly("task-1", "execution-1", "instance-1");
    assertThat(listing.getNames()).containsExactly("requestSummary", "dataLevel");
    assertThat(listing.getAccess().getAuthUserId()).isNull(); // no check configured: nobody signed in
  }

  @Test
  void aNullAmongTheIdsOrNamesGoesToTheEngine() {
    // found by the attack: {"variableScopeIdIn":[null]} through /engine-rest was a 500 here, [] from the engine
    VariableInstanceQueryImpl nullScope = new VariableInstanceQueryImpl();
    nullScope.variableScopeIdIn("x", null);
    assertThat(TaskListVariableListing.of(nullScope)).isEmpty();
    VariableInstanceQueryImpl nullName = tasklistAsks();
    nullName.variableNameIn("requestSummary", null);
    assertThat(TaskListVariableListing.of(nullName)).isEmpty();
  }

  @Test
  void anyOtherCriterionOrOrderOrTooManyIdsGoesToTheEngine() {
    assertThat(TaskListVariableListing.of(new VariableInstanceQueryImpl())).as("no scope ids").isEmpty();
    VariableInstanceQueryImpl other = tasklistAsks();
    other.processInstanceIdIn("instance-2");
    assertThat(TaskListVariableListing.of(other)).as("another criterion").isEmpty();
    VariableInstanceQueryImpl valued = tasklistAsks();
    valued.variableValueEquals("dataLevel", "CORE");
    assertThat(TaskListVariableListing.of(valued)).as("a value criterion").isEmpty();
    VariableInstanceQueryImpl sorted = tasklistAsks();
    sorted.orderByVariableName().asc();
    assertThat(TaskListVariableListing.of(sorted)).as("a sort order").isEmpty();
    VariableInstanceQueryImpl many = new VariableInstanceQueryImpl();
    many.variableScopeIdIn(java.util.stream.IntStream.rangeClosed(0, TaskListVariableListing.MAX_IDS)
        .mapToObj(i -> "s" + i).toArray(String[]::new));
    assertThat(TaskListVariableListing.of(many)).as("more than %d ids", TaskListVariableListing.MAX_IDS).isEmpty();
  }
}
