package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded database must start on every machine the README's command promises (Linux x86-64 and ARM64, macOS
 * Intel and Apple silicon) whatever language the machine is set to; see docs/platforms.md.
 */
@DsflowIntegrationTest
class EmbeddedPostgresPlatformIT {

  @Autowired JdbcTemplate jdbc;

  @Test
  void theBinariesForThisMachinesOsAndCpuAreOnTheClasspath() throws Exception {
    String os = System.getProperty("os.name");
    String system = os.startsWith("Mac") ? "Darwin" : os.startsWith("Windows") ? "Windows" : "Linux";
    try (InputStream binaries =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, System.getProperty("os.arch"))) {
      assertThat(binaries)
          .as("no pg-* profile in pom.xml matched %s/%s", os, System.getProperty("os.arch"))
          .isNotNull();
    }
  }

  @Test
  void theClusterIsUtf8WithTheCLocaleNotTheMachinesLanguage() {
    // a zh_CN.GBK server would otherwise give initdb a locale whose encoding contradicts UTF-8, and it would refuse
    Map<String, Object> db = jdbc.queryForMap(
        "SELECT pg_encoding_to_char(encoding) AS encoding, datcollate, datctype FROM pg_database"
            + " WHERE datname = current_database()");
    assertThat(db).containsEntry("encoding", "UTF8").containsEntry("datcollate", "C").containsEntry("datctype", "C");
    // Chinese text survives the round trip byte for byte
    assertThat(jdbc.queryForObject("SELECT ?::text", String.class, "数据安全官 审批")).isEqualTo("数据安全官 审批");
  }
}
