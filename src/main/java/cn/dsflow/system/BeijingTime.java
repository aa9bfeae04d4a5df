package cn.dsflow.system;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every time a person reads — in a mail, a refusal, the ledger, a document or a REST answer — is Beijing time (DESIGN.md,
 * trust model: "every time a person reads is Beijing time"). A reader in Beijing who sees "15:59:59Z" takes the deadline
 * to be 15:59 when it is 23:59. Machine records (the audit chain's detail, whose hash covers its text) keep their
 * instants as they were written.
 */
@Configuration(proxyBeanMethods = false)
public class BeijingTime {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** {@code 2026-12-01 10:02}: minute precision, as a person writes a time; "-" when there is none. */
  public static String minute(Instant instant) {
    return instant == null ? "-" : MINUTE.format(instant.atZone(ZONE));
  }

  public static String minute(Date date) {
    return date == null ? "-" : minute(date.toInstant());
  }

  /** {@code 2026-12-01}: the Beijing day an instant falls on (a report's day, a deadline's day). */
  public static String day(Instant instant) {
    return instant == null ? "-" : instant.atZone(ZONE).toLocalDate().toString();
  }

  /** {@code 2026-12-01 10:02:07}: to the second, where the second matters to the reader (a lock's end, a ledger entry). */
  public static String second(Instant instant) {
    return instant == null ? "-" : SECOND.format(instant.atZone(ZONE));
  }

  /** {@code 2026-12-01 10:02（北京时间）}, for text read out of context (a mail, a refusal). */
  public static String labelled(Instant instant) {
    return instant == null ? "-" : minute(instant) + "（北京时间）";
  }

  public static String labelled(Date date) {
    return date == null ? "-" : labelled(date.toInstant());
  }

  /** ISO-8601 with the +08:00 offset: the same instant, readable as local time by a person and parseable by a program. */
  public static OffsetDateTime offset(Instant instant) {
    return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
  }

  public static String iso(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(offset(instant));
  }

  public static String iso(Date date) {
    return date == null ? null : iso(date.toInstant());
  }

  /**
   * dsflow's own REST answers write instants with +08:00 (issue 18). Camunda's /engine-rest has its own Jackson set-up
   * and is not touched.
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer beijingInstants() {
    return builder -> builder
        .serializerByType(Instant.class, new JsonSerializer<Instant>() {
          @Override
          public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(iso(value));
          }
        })
        .serializerByType(Date.class, new JsonSerializer<Date>() {
          @Override
          public void serialize(Date value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(iso(value.toInstant()));
          }
        });
  }
}
