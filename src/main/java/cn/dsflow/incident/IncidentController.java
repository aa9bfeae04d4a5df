package cn.dsflow.incident;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.form.FormContract;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.system.ApiException;
import cn.dsflow.intake.ClaimedTime;
import cn.dsflow.intake.ClaimedTimes;
import cn.dsflow.system.DisplayName;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.SystemCommands;
import cn.dsflow.system.WordDocument;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * An incident's record for the response team, officers and audit: timeline, submitted documents, the evidence
 * register, and the request to re-grade during the response.
 */
@RestController
@RequestMapping("/api/incidents/{incidentId}")
class IncidentController {

  private final IncidentTimeline timeline;
  private final IncidentDocumentStore documents;
  private final EvidenceRegister evidence;
  private final RuntimeService runtimeService;
  private final SystemCommands system;
  private final CurrentUser currentUser;
  private final ClaimedTimes claimedTimes;
  private final AuditChain audit;
  private final FormContract forms;
  private final IncidentInstances instances;

  IncidentController(IncidentTimeline timeline, IncidentDocumentStore documents, EvidenceRegister evidence,
      RuntimeService runtimeService, SystemCommands system, CurrentUser currentUser, ClaimedTimes claimedTimes,
      AuditChain audit, FormContract forms, IncidentInstances instances) {
    this.forms = forms;
    this.instances = instances;
    this.claimedTimes = claimedTimes;
    this.audit = audit;
    this.timeline = timeline;
    this.documents = documents;
    this.evidence = evidence;
    this.runtimeService = runtimeService;
    this.system = system;
    this.currentUser = currentUser;
  }

  @GetMapping("/timeline")
  IncidentTimeline.Timeline timeline(@PathVariable String incidentId) {
    return readable(incidentId);
  }

  @GetMapping("/documents")
  List<IncidentDocumentStore.StoredDocument> documents(@PathVariable String incidentId) {
    readable(incidentId);
    return documents.of(incidentId);
  }

  @GetMapping("/documents/{documentId}")
  ResponseEntity<byte[]> document(@PathVariable String incidentId, @PathVariable long documentId) {
    readable(incidentId);
    byte[] docx = documents.content(incidentId, documentId)
        .orElseThrow(() -> ApiException.notFound("没有这个文档 (no such document)"));
    return WordDocument.download("incident-" + incidentId + "-" + documentId + ".docx", docx);
  }

  @GetMapping("/evidence")
  List<EvidenceRegister.Evidence> evidence(@PathVariable String incidentId) {
    readable(incidentId);
    return evidence.of(incidentId);
  }

  @GetMapping("/evidence/{evidenceId}/content")
  ResponseEntity<byte[]> evidenceContent(@PathVariable String incidentId, @PathVariable long evidenceId) {
    readable(incidentId);
    byte[] content = evidence.content(incidentId, evidenceId)
        .orElseThrow(() -> ApiException.notFound("没有这份已存储的证据 (no stored evidence with this id)"));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(content);
  }

  /** Uploads a file as evidence: the server computes its SM3 digest and keeps the bytes. */
  @PostMapping(path = "/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<EvidenceRegister.Evidence> upload(@PathVariable String incidentId,
      @RequestParam("file") MultipartFile file,
      @RequestParam("source") String source,
      @RequestParam(name = "collectedBy", required = false) String collectedBy,
      @RequestParam(name = "collectedAt", required = false) String collectedAt,
      @RequestParam(name = "note", required = false) String note) throws IOException {
    responding(incidentId);
    if (file.isEmpty()) {
      throw ApiException.badRequest("file", "文件为空 (the file is empty)");
    }
    String sent = file.getOriginalFilename();
    if (sent != null && sent.length() > 1000) {
      throw ApiException.badRequest("file", "文件名过长 (file name longer than 1000 characters)");
    }
    String name = DisplayName.sanitise(sent, "evidence");
    if (source.isBlank() || source.length() > 400) {
      throw ApiException.badRequest("source", "请说明证据来源（系统、路径），400 字以内 (say where it was taken from, ≤ 400 characters)");
    }
    if (note != null && note.length() > 4000) {
      throw ApiException.badRequest("note", "备注过长 (note longer than 4000 characters)");
    }
    String collector = collectedBy == null || collectedBy.isBlank() ? currentUser.id() : collectedBy.strip();
    if (collector.length() > 128) {
      throw ApiException.badRequest("collectedBy", "过长 (longer than 128 characters)");
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant at = collectedAt == null || collectedAt.isBlank() ? now : parseInstant(collectedAt);
    try {
      ClaimedTime.check("collectedAt", at, false, new ClaimedTime.Bounds(
          claimedTimes.incidentDiscovery(incidentId), "事件发现时间 (discovery)", now, claimedTimes.grace()));
    } catch (EngineRefusal refusal) {
      // evidence dated before the incident was discovered, or in the future, would misstate the chain of custody
      audit.refused("CLAIMED_TIME_REFUSED", currentUser.id(), "incident", incidentId, refusal);
      // the upload's collectedAt is the time the first-response form asks for its evidence: named as a person reads it
      throw ApiException.refused(forms.labelOf("first-response", IncidentVariables.EV_COLLECTED_AT.name())
          .map(refusal::labelled).orElse(refusal));
    }
    EvidenceRegister.Evidence saved = evidence.store(incidentId, name, source.strip(), file.getBytes(), collector, at,
        currentUser.id(), now, note);
    return ResponseEntity.status(HttpStatus.CREATED).body(saved);
  }

  /**
   * Opens a re-grading task for the incident lead: the event sub-process of the emergency response, which runs in the
   * called incident-emergency-response instance below the incident.
   */
  @PostMapping("/regrading")
  ResponseEntity<Map<String, String>> regrade(@PathVariable String incidentId) {
    responding(incidentId);
    String response = system.run(() -> instances.runningResponse(incidentId)).orElseThrow(IncidentController::notInResponse);
    try {
      system.run(() -> runtimeService.createMessageCorrelation("incidentRegradeRequested")
          .processInstanceId(response)
          .setVariable(IncidentVariables.REGRADE_REQUESTED_BY.name(), currentUser.id())
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw notInResponse();
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("incidentId", incidentId, "status", "regrading opened"));
  }

  private IncidentTimeline.Timeline readable(String incidentId) {
    currentUser.requireAnyOf(Group.INCIDENT_READERS,
        "只有应急处置队伍、数据安全负责人、管理部门和审计可以查看事件 (incident records are for irt, officers and audit)");
    return find(incidentId);
  }

  private void responding(String incidentId) {
    currentUser.requireAnyOf(Group.INCIDENT_RESPONDERS,
        "只有应急处置队伍和数据安全负责人可以执行此操作 (only the response team and its leaders may do this)");
    find(incidentId);
  }

  private IncidentTimeline.Timeline find(String incidentId) {
    if (incidentId.length() > 64) {
      throw ApiException.badRequest("incidentId", "事件编号过长 (incident id too long)");
    }
    return timeline.of(incidentId).orElseThrow(() -> ApiException.notFound("没有这个事件 (no such incident)"));
  }

  private static ApiException notInResponse() {
    return new ApiException(HttpStatus.CONFLICT, "not_in_response",
        "该事件不在应急处置阶段，不能重新定级 (the incident is not in its emergency response)");
  }

  private static Instant parseInstant(String s) {
    try {
      return OffsetDateTime.parse(s.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("collectedAt", "应为带时区偏移的时间，如 2026-11-24T10:00+08:00 (ISO-8601 with offset)");
    }
  }
}
