package cn.dsflow.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** The approval mail tells a person the next step in Tasklist words, never which REST call to make (issue 18). */
class PermitMailNextStepTest {

  static String nextStepOf(String processDefinitionId) {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessDefinitionId()).thenReturn(processDefinitionId);
    return PermitIssuer.nextStep(execution);
  }

  @Test
  void aRequesterIsToldToRecordTheResultInTasklistAfterTheOperation() {
    for (String process : new String[] {"data-operation-approval:3:abc", "cross-border-transfer:1:def"}) {
      assertThat(nextStepOf(process)).contains("执行后请在 Tasklist 登记执行结果").doesNotContain("/api/", "POST");
    }
  }

  @Test
  void aDestructionTeamIsToldToRecordTheDestructionInItsTasklistStep() {
    assertThat(nextStepOf("data-destruction:2:xyz")).contains("“执行销毁”任务").doesNotContain("登记执行结果", "/api/");
  }
}
