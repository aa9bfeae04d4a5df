package cn.dsflow.ledgerview;

import cn.dsflow.ledger.ApprovalLedger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.approval.DataLevel;
import cn.dsflow.approval.OperationType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger filter accepts every value the ledger can hold, and only those (issue 13: REVOKED was refused). */
@DsflowIntegrationTest
class LedgerFilterIT {

  @Autowired ApprovalLedger ledger;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  String opened() {
    String id = "ledger-filter-" + UUID.randomUUID();
    Instant t = Instant.parse("2026-11-23T02:00:00Z");
    ledger.open(new ApprovalLedger.Entry(id, id, "BULK_EXPORT", "本公司", "测试数据", "GENERAL", "过滤测试", 10, 0.1, "导出",
        "测试", "测试", null, t, t.plusSeconds(86_400), "zhangsan", t, "wangwu", t, "permit-" + id, "APPROVED", null, null,
        null, null, null, null, null));
    return id;
  }

  ResponseEntity<String> ledgerAsOfficer(String query) {
    return http.withBasicAuth("zhaoliu", "demo").getForEntity("/api/ledger?" + query, String.class);
  }

  @Test
  void revokedRowsAreFoundByTheRevokedFilter() {
    String revoked = opened();
    String approved = opened();
    ledger.revoke(revoked);

    ResponseEntity<String> answer = ledgerAsOfficer("status=REVOKED");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).contains(revoked).doesNotContain(approved);
  }

  @Test
  void everyValueTheLedgerCanHoldIsAFilterAndTheDatabaseAcceptsEachStatus() {
    String id = opened();
    for (LedgerStatus status : LedgerStatus.values()) {
      jdbc.update("UPDATE dsf_ledger SET status = ? WHERE request_id = ?", status.name(), id); // the check constraint agrees
      assertThat(ledgerAsOfficer("status=" + status.name()).getBody()).as(status.name()).contains(id);
    }
    for (OperationType type : OperationType.values()) {
      assertThat(ledgerAsOfficer("operationType=" + type.name()).getStatusCode()).as(type.name()).isEqualTo(HttpStatus.OK);
    }
    for (DataLevel level : DataLevel.values()) {
      assertThat(ledgerAsOfficer("dataLevel=" + level.name()).getStatusCode()).as(level.name()).isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void aValueOutsideTheEnumIsRefusedWithTheAllowedValuesNamed() {
    ResponseEntity<String> answer = ledgerAsOfficer("status=DELETED");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("invalid_input", "REVOKED");
  }
}
