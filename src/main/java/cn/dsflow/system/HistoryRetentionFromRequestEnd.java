package cn.dsflow.system;

import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Retention of the engine's history counts from the end of the request (DESIGN: logs ≥ 6 months, incident trace ≥ 1
 * year, provision, entrusted, core and incident records ≥ 3 years; docs/regulatory-readings.md keeps approvals 5 years).
 *
 * <p>The engine is configured with {@code historyRemovalTimeStrategy: none} and {@code historyCleanupStrategy:
 * endTimeBased} (application.yaml), so ending a request no longer stamps a removal time on every history row it left
 * (about 210 row updates in 16 statements per approval request, issue 16). The engine's end-time cleanup, however,
 * counts each called instance from its own end and each decision from its evaluation: the approval of a cross-border transfer, called and ended
 * in the first days of a transfer whose validity watch runs for three years and more, would lose its history while
 * the transfer is still running. Here the two cleanup selections count from the later of that moment and the end of
 * the root process instance, and skip everything whose root is still running — what the removal-time strategy
 * {@code end} did, without writing anything when a request ends. Each definition keeps its own time to live.
 *
 * <p>When the root's history is already gone (its time to live was shorter), a called instance counts from its own
 * end. PostgreSQL only, like the rest of the project.
 */
@Component
public class HistoryRetentionFromRequestEnd extends AbstractProcessEnginePlugin {

  public static final String PROCESS_INSTANCES = "selectHistoricProcessInstanceIdsForCleanup";
  public static final String DECISION_INSTANCES = "selectHistoricDecisionInstanceIdsForCleanup";
  static final String FROM_REQUEST_END = "FromRequestEnd";
  private static final String MAPPER = "cn/dsflow/system/HistoryRetention.xml";

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    EngineStatements.load(configuration, MAPPER, PROCESS_INSTANCES + FROM_REQUEST_END);
    EngineStatements.replace(configuration, Map.of(PROCESS_INSTANCES, PROCESS_INSTANCES + FROM_REQUEST_END,
        DECISION_INSTANCES, DECISION_INSTANCES + FROM_REQUEST_END));
  }
}
