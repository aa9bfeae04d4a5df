package cn.dsflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.form.DeclaredInput;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.FormContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attack on a mirror: a starter or candidate sends an internal variable (requestId, checksFailed, approvedAt,
 * remediationActions …) with a start or a task completion, on /engine-rest or through Tasklist's session API. The
 * engine door checks every such body against the bound form (DeclaredInput), and no form declares an internal name
 * (ProcessVariableNamesTest), so each is refused by name with 400 undeclared_variable on every form there is.
 */
class InternalVariablesRefusedTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noFormLetsAClientWriteAnInternalVariable() throws Exception {
    DeclaredInput input = new DeclaredInput(new FormContract(JSON));
    List<String> formIds = new ArrayList<>();
    for (File f : new File("forms").listFiles((d, n) -> n.endsWith(".form"))) {
      formIds.add(JSON.readTree(f).path("id").asText());
    }
    List<Var<?>> internal = new ArrayList<>(
        ProcessVariableNamesTest.namedVariables().values().stream().filter(Var::internal).toList());
    // mirrors that a call activity passes down (camunda:in) are model variables, yet no form may write them either
    internal.add(RequestVariables.REQUEST_ID);
    internal.add(CrossBorderVariables.ROUTE_VALID_UNTIL);
    assertThat(formIds).hasSizeGreaterThan(10);
    assertThat(internal).extracting(Var::name).contains("requestId", "checksFailed", "approvedAt", "remediationActions");

    List<String> accepted = new ArrayList<>();
    for (String formId : formIds) {
      for (Var<?> v : internal) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject(v.name()).put("value", "forged");
        try {
          input.accept(formId, body, name -> null);
          accepted.add(formId + " took " + v.name());
        } catch (EngineRefusal refusal) {
          if (refusal.status() != 400 || !refusal.code().equals("undeclared_variable")
              || !refusal.reason().startsWith(v.name() + ":")) {
            accepted.add(formId + " refused " + v.name() + " otherwise: " + refusal.code() + " " + refusal.reason());
          }
        }
      }
    }
    assertThat(accepted).isEmpty();
  }
}
