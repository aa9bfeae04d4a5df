package cn.dsflow.permit;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.system.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The permit gate that executing systems call (DESIGN.md contract): 200 used · 403 no approved permit, or a caller who
 * is neither the requester nor an executor the request named · 409 used/expired/revoked · 422 outside scope · 400
 * malformed. Knowing a permit id is not enough to use it.
 */
@RestController
@RequestMapping("/api/permits")
class PermitController {

  record UseRequest(
      @NotBlank @Size(max = 200) String operator,
      // a use of no records is meaningless and would still spend the single-use permit
      @NotNull @Positive(message = "数据数量至少为 1 条 (recordCount must be at least 1)") @Max(999_999_999_999L)
      Long recordCount,
      @Size(max = 200) String recipient) {}

  private final PermitGate gate;
  private final Permits permits;
  private final CurrentUser currentUser;

  PermitController(PermitGate gate, Permits permits, CurrentUser currentUser) {
    this.gate = gate;
    this.permits = permits;
    this.currentUser = currentUser;
  }

  /** The caller's own permits, newest last: where a requester finds the id to hand to the executing system. */
  @GetMapping
  java.util.List<Permit> mine() {
    return permits.ofRequester(currentUser.id());
  }

  @GetMapping("/{id}")
  Permit get(@PathVariable String id) {
    Permit p = permits.find(id).orElseThrow(() -> ApiException.notFound("没有这个授权 (no such permit)"));
    if (!currentUser.isIn(Group.LEDGER_READERS) && !p.requester().equals(currentUser.id())) {
      throw ApiException.notFound("没有这个授权 (no such permit)");
    }
    return p;
  }

  @PostMapping("/{id}/use")
  Permit use(@PathVariable String id, @Valid @RequestBody UseRequest body) {
    if (id.length() > 64) {
      throw ApiException.badRequest("id", "授权编号过长 (permit id too long)");
    }
    return gate.use(id, new PermitGate.Use(body.operator().strip(), body.recordCount(), body.recipient()), currentUser.id());
  }
}
