package cn.dsflow.process;

/**
 * Variables the engine itself sets (Camunda's multi-instance counters); named here so no literal is needed.
 */
public final class EngineVariables {

  public static final Var<Integer> LOOP_COUNTER = Var.of("loopCounter", Integer.class);

  private EngineVariables() {
  }
}
