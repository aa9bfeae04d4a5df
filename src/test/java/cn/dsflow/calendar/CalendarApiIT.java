package cn.dsflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;


import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@DsflowIntegrationTest
class CalendarApiIT {

  @Autowired TestRestTemplate http;
  @Autowired EngineTestSupport engine;

  ResponseEntity<String> get(String path) {
    return http.withBasicAuth("lisi", "demo").getForEntity(path, String.class);
  }

  @Test
  void makeUpSaturdayIsAWorkingDay() {
    ResponseEntity<String> r = get("/api/calendar/working-days/2026-10-10");
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(r.getBody()).contains("\"date\":\"2026-10-10\"").contains("\"workingDay\":true").contains("调休上班");
  }

  @Test
  void deadlineIsAnswersedWithBeijingOffset() {
    ResponseEntity<String> r = get("/api/calendar/deadline?from=2026-09-30T02:00:00Z&workingDays=5");
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(r.getBody()).contains("\"deadline\":\"2026-10-13T23:59:59+08:00\"");
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    assertThat(get("/api/calendar/working-days/2026-13-01").getBody()).contains("\"field\":\"date\"");
    ResponseEntity<String> noOffset = get("/api/calendar/deadline?from=2026-09-30T10:00:00&workingDays=5");
    assertThat(noOffset.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noOffset.getBody()).contains("\"field\":\"from\"");
    assertThat(get("/api/calendar/deadline?from=2026-09-30T10:00:00Z&workingDays=0").getBody())
        .contains("\"field\":\"workingDays\"");
    assertThat(get("/api/calendar/deadline?from=2026-09-30T10:00:00Z&workingDays=abc").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  @EngineClockAt("2026-12-20T10:00:00+08:00")
  void aYearWithoutItsNoticeIsAnsweredFromTheHolidayLawAndSaysProvisional() {
    ResponseEntity<String> day = get("/api/calendar/working-days/2027-02-08");
    assertThat(day.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(day.getBody()).contains("\"workingDay\":false").contains("春节").contains("\"provisional\":true");
    // an official year never says provisional
    assertThat(get("/api/calendar/working-days/2026-10-10").getBody()).doesNotContain("provisional");
    ResponseEntity<String> due = get("/api/calendar/deadline?from=2027-02-03T07:00:00Z&workingDays=5");
    assertThat(due.getBody()).contains("\"deadline\":\"2027-02-16T23:59:59+08:00\"").contains("\"provisional\":true");
    assertThat(get("/api/calendar/deadline?from=2026-12-01T07:00:00Z&workingDays=5").getBody()).doesNotContain("provisional");
    // a deadline that only reaches into the derived year is provisional too
    assertThat(get("/api/calendar/deadline?from=2026-12-29T02:00:00Z&workingDays=3").getBody())
        .contains("\"deadline\":\"2027-01-04T23:59:59+08:00\"").contains("\"provisional\":true");
  }

  @Test
  @EngineClockAt("2026-12-20T10:00:00+08:00")
  void aYearBeyondWhatCanBeKnownIsRefusedNotGuessed() {
    assertThat(get("/api/calendar/working-days/2028-12-29").getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> r = get("/api/calendar/working-days/2029-01-02");
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(r.getBody()).contains("calendar_year_missing");
  }
}
