package cn.dsflow.incident;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.IncidentVariables;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reads what the two grading tables matched (RULE ORDER: highest level first) and proposes both levels to the incident
 * lead, with every criterion that matched and whether an hour boundary was hit. The tables hold the thresholds; this
 * class only reads their answer.
 */
@Component("gradingProposal")
public class GradingProposal implements JavaDelegate {

  private final AuditChain audit;
  private final GradingProposals proposals;

  public GradingProposal(AuditChain audit, GradingProposals proposals) {
    this.audit = audit;
    this.proposals = proposals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Grading miit = Grading.of(IncidentVariables.MIIT_GRADING.get(execution));
    Grading cac = Grading.of(IncidentVariables.CAC_GRADING.get(execution));
    // the rows are kept in the decision history (Cockpit); the instance keeps the plain answer
    IncidentVariables.MIIT_GRADING.remove(execution);
    IncidentVariables.CAC_GRADING.remove(execution);
    proposals.record(execution, new GradingProposals.Proposed(miit.level(), cac.level(), miit.boundary()),
        org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant());
    IncidentVariables.PROPOSED_MIIT_LEVEL.set(execution, miit.level().name());
    IncidentVariables.PROPOSED_CAC_LEVEL.set(execution, cac.level().name());
    IncidentVariables.MIIT_CRITERIA.set(execution, miit.criteria());
    IncidentVariables.CAC_CRITERIA.set(execution, cac.criteria());
    IncidentVariables.GRADING_BOUNDARY.set(execution, miit.boundary());
    audit.append("INCIDENT_GRADING_PROPOSED", null, "incident", IncidentVariables.INCIDENT_ID.get(execution),
        Map.of("miitLevel", miit.level().name(), "miitCriteria", miit.criteria(), "boundary", miit.boundary(),
            "cacLevel", cac.level().name(), "cacCriteria", cac.criteria()));
  }

  /** The answer of one grading table: its first row's level, all matched criteria, any boundary flag. */
  record Grading(IncidentLevel level, String criteria, boolean boundary) {

    @SuppressWarnings("unchecked")
    static Grading of(Object decisionResult) {
      List<Map<String, Object>> rows = (List<Map<String, Object>>) decisionResult;
      if (rows == null || rows.isEmpty()) {
        throw new IllegalStateException("a grading table matched no row: its catch-all row is missing");
      }
      IncidentLevel level = IncidentLevel.valueOf((String) rows.get(0).get("level"));
      String criteria = rows.stream().map(r -> (String) r.get("criterion")).collect(Collectors.joining("；"));
      boolean boundary = rows.stream()
          .filter(r -> level.name().equals(r.get("level")))
          .anyMatch(r -> Boolean.TRUE.equals(r.get("boundary")));
      return new Grading(level, criteria, boundary);
    }
  }
}
