package cn.dsflow.crossborder;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.SystemCommands;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The year's cross-border running totals for officers (and their audited correction), and the two events that stop a
 * transfer from outside: the CAC's termination notice and a reported change that requires re-assessment.
 */
@RestController
@RequestMapping("/api/cross-border")
class CrossBorderController {

  record Correction(
      @NotNull @Min(2000) @Max(2999) Integer year,
      @NotNull @Min(-1_000_000_000L) @Max(1_000_000_000L) Long personsNonSensitive,
      @NotNull @Min(-1_000_000_000L) @Max(1_000_000_000L) Long personsSensitive,
      @NotBlank @Size(min = 5, max = 2000) String reason) {}

  record StopNotice(@NotBlank @Size(max = 2000) String note) {}

  private final CrossBorderVolumes volumes;
  private final RuntimeService runtimeService;
  private final SystemCommands system;
  private final CurrentUser currentUser;
  private final jakarta.validation.Validator validator;

  CrossBorderController(CrossBorderVolumes volumes, RuntimeService runtimeService, SystemCommands system, CurrentUser currentUser,
      jakarta.validation.Validator validator) {
    this.validator = validator;
    this.volumes = volumes;
    this.runtimeService = runtimeService;
    this.system = system;
    this.currentUser = currentUser;
  }

  @GetMapping("/volumes")
  Map<String, Object> volumes(@RequestParam(required = false) Integer year) {
    currentUser.requireAnyOf(Group.LEDGER_READERS, "只有数据安全管理部门、负责人、法务和审计可以查看出境累计 (officers only)");
    int y = year == null ? ClockUtil.getCurrentTime().toInstant().atZone(cn.dsflow.calendar.WorkingDayCalendar.ZONE).getYear() : year;
    if (y < 2000 || y > 2999) {
      throw ApiException.badRequest("year", "年份不正确 (year out of range)");
    }
    CrossBorderVolumes.Totals totals = volumes.totals(y);
    List<CrossBorderVolumes.Entry> entries = volumes.entries(y);
    return Map.of("year", y, "personsNonSensitive", totals.personsNonSensitive(),
        "personsSensitive", totals.personsSensitive(), "entries", entries);
  }

  @PostMapping("/volumes/corrections")
  @Transactional
  CrossBorderVolumes.Totals correct(@RequestBody Correction body) {
    // who may act is decided before what they sent is judged: an outsider learns nothing from validation messages
    currentUser.requireAnyOf(new String[] {Group.DSO.id()}, "只有数据安全管理责任部门可以更正出境累计 (only dso may correct the totals)");
    var violations = validator.validate(body);
    if (!violations.isEmpty()) {
      var first = violations.iterator().next();
      throw ApiException.badRequest(first.getPropertyPath().toString(), first.getPropertyPath() + ": " + first.getMessage());
    }
    try {
      return volumes.correct(body.year(), body.personsNonSensitive(), body.personsSensitive(), currentUser.id(),
          body.reason().strip(), ClockUtil.getCurrentTime().toInstant());
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "negative_total", "更正后累计不能为负数 (a total cannot become negative)");
    }
  }

  /** 000 §8.1.2(5): the CAC's written notice that an approved transfer no longer meets the requirements. */
  @PostMapping("/{requestId}/termination")
  ResponseEntity<Map<String, String>> terminate(@PathVariable String requestId, @Valid @RequestBody StopNotice body) {
    currentUser.requireAnyOf(new String[] {Group.DSO.id(), Group.LEGAL.id()}, "只有数据安全管理责任部门或法务可以登记终止通知 (dso or legal)");
    return stop(requestId, "crossBorderTerminated", body.note());
  }

  /** 000 §8.1.2(4): a change in purpose, scope, recipient, law or control that affects security: re-assess. */
  @PostMapping("/{requestId}/changes")
  ResponseEntity<Map<String, String>> change(@PathVariable String requestId, @Valid @RequestBody StopNotice body) {
    currentUser.requireAnyOf(new String[] {Group.DSO.id(), Group.LEGAL.id(), Group.DS_DIRECT.id()},
        "只有数据安全管理责任部门、法务或直接责任人可以报告变化 (dso, legal or dsDirect)");
    return stop(requestId, "crossBorderChangeReported", body.note());
  }

  private ResponseEntity<Map<String, String>> stop(String requestId, String message, String note) {
    if (requestId.length() > 64) {
      throw ApiException.badRequest("requestId", "编号过长 (id too long)");
    }
    try {
      system.run(() -> runtimeService.createMessageCorrelation(message)
          .processInstanceId(requestId)
          .setVariable(CrossBorderVariables.STOP_REPORTED_BY.name(), currentUser.id())
          .setVariable(CrossBorderVariables.STOP_NOTE.name(), note.strip())
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw ApiException.notFound("没有进行中的数据出境申请 (no cross-border transfer in progress with this id)");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("requestId", requestId, "status", "stopped"));
  }
}
