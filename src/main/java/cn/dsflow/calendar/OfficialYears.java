package cn.dsflow.calendar;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.BeijingTime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The official holiday years in force: those shipped in the jar, overridden by those loaded while running. Loaded
 * years live in {@code dsf_calendar_year}, which every node reads, so a cluster answers with one calendar whichever
 * node received the upload or found the file. Each node re-reads the table and its {@code DSFLOW_CALENDAR_DIR} on a
 * schedule and then settles the provisional deadlines the new data decide; a file dropped on any node's directory
 * thus reaches all nodes through the table.
 */
@Service
public class OfficialYears {

  public static final String UPLOAD = "UPLOAD";
  public static final String DIRECTORY = "DIRECTORY";
  /** Orders imports across nodes, so two nodes finding the same new file import it once. */
  private static final long IMPORT_LOCK = 0x6473666C6F7743L; // "dsflowC"

  private static final Logger LOG = LoggerFactory.getLogger(OfficialYears.class);

  /** What a load did. {@code moved} counts provisional deadlines that moved to the official data. */
  public record Loaded(HolidayYear year, String origin, int moved) {}

  private final WorkingDayCalendar calendar;
  private final ProvisionalDeadlines deadlines;
  private final JdbcTemplate jdbc;
  private final AuditChain audit;
  private final TransactionTemplate transaction;
  private final HolidayDataLoader loader = new HolidayDataLoader();
  private final Map<Integer, HolidayYear> shipped;
  private final String directory;

  public OfficialYears(WorkingDayCalendar calendar, ProvisionalDeadlines deadlines, JdbcTemplate jdbc, AuditChain audit,
      PlatformTransactionManager transactionManager, @Value("${dsflow.calendar.directory:}") String directory) {
    this.calendar = calendar;
    this.deadlines = deadlines;
    this.jdbc = jdbc;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactionManager);
    this.directory = directory;
    this.shipped = loader.load(null);
    importDirectory();
    reload();
  }

  /** Every node, on a schedule: new files in the directory, rows other nodes loaded, and the deadlines they decide. */
  @Scheduled(fixedDelayString = "${dsflow.calendar.refresh-interval:PT1M}",
      initialDelayString = "${dsflow.calendar.refresh-interval:PT1M}")
  public void refresh() {
    try {
      importDirectory();
      reload();
      deadlines.settle();
    } catch (RuntimeException e) {
      // the next round tries again; the calendar in force stays as it was
      LOG.error("Refreshing the holiday calendar failed: {}", e.getMessage(), e);
    }
  }

  /** An administrator's upload of one year's notice: validated, stored for every node, and applied at once. */
  public Loaded upload(HolidayYear year, String content, String user) {
    transaction.executeWithoutResult(status -> store(year, content, UPLOAD, user));
    reload();
    return new Loaded(year, UPLOAD, deadlines.settle());
  }

  /** Parses and validates a year's file; {@link IllegalStateException} names what is wrong. */
  public HolidayYear parse(String content, String where) {
    try {
      return loader.parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), where);
    } catch (IOException e) {
      throw new IllegalStateException("invalid holiday file " + where + ": " + e.getMessage(), e);
    }
  }

  /** Where each official year came from: shipped, or the origin, time and loader of its newest row. */
  public List<Map<String, Object>> describe() {
    Map<Integer, Map<String, Object>> years = new TreeMap<>();
    shipped.forEach((y, h) -> years.put(y, new LinkedHashMap<>(Map.of("year", y, "source", h.source(), "origin", "SHIPPED"))));
    jdbc.query("SELECT DISTINCT ON (year) year, origin, loaded_by, loaded_at, content FROM dsf_calendar_year"
        + " ORDER BY year, id DESC", rs -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("year", rs.getInt("year"));
          row.put("source", parse(rs.getString("content"), "dsf_calendar_year").source());
          row.put("origin", rs.getString("origin"));
          row.put("loadedBy", rs.getString("loaded_by"));
          row.put("loadedAt", BeijingTime.iso(rs.getTimestamp("loaded_at")));
          years.put(rs.getInt("year"), row);
        });
    return List.copyOf(years.values());
  }

  /** Installs shipped years overridden by the newest stored row of each year. */
  public void reload() {
    Map<Integer, HolidayYear> years = new TreeMap<>(shipped);
    jdbc.query("SELECT DISTINCT ON (year) year, content FROM dsf_calendar_year ORDER BY year, id DESC",
        rs -> {
          years.put(rs.getInt("year"), parse(rs.getString("content"), "dsf_calendar_year " + rs.getInt("year")));
        });
    if (!years.keySet().equals(calendar.years())) {
      LOG.info("Working-day calendar now has official data for {}", years.keySet());
    }
    calendar.install(years);
  }

  private void importDirectory() {
    if (directory == null || directory.isBlank()) {
      return;
    }
    Path dir = Path.of(directory);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("DSFLOW_CALENDAR_DIR " + dir.toAbsolutePath() + " is not a directory");
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "cn-*.json")) {
      for (Path f : files) {
        String content = Files.readString(f, StandardCharsets.UTF_8);
        HolidayYear year;
        try {
          year = parse(content, f.toString());
        } catch (IllegalStateException e) {
          // a half-copied or wrong file must not stop the node; it is reported until it is fixed
          LOG.error("Holiday file not loaded: {}", e.getMessage());
          continue;
        }
        transaction.executeWithoutResult(status -> {
          jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, IMPORT_LOCK);
          Integer seen = jdbc.queryForObject("SELECT count(*) FROM dsf_calendar_year WHERE year = ? AND sha256 = ?",
              Integer.class, year.year(), sha256(content));
          if (seen == 0) {
            store(year, content, DIRECTORY, null);
            LOG.info("Holiday data for {} loaded from {}", year.year(), f);
          }
        });
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read holiday data: " + e.getMessage(), e);
    }
  }

  private void store(HolidayYear year, String content, String origin, String user) {
    String sha = sha256(content);
    jdbc.update("INSERT INTO dsf_calendar_year (year, sha256, content, origin, loaded_by, loaded_at) VALUES (?, ?, ?, ?, ?, ?)",
        year.year(), sha, content, origin, user, Timestamp.from(ClockUtil.getCurrentTime().toInstant()));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("year", year.year());
    detail.put("source", year.source());
    detail.put("origin", origin);
    detail.put("sha256", sha);
    detail.put("daysOff", year.daysOff().size());
    detail.put("makeUpWorkdays", year.makeUpWorkdays().size());
    audit.append("CALENDAR_YEAR_LOADED", user, "calendar", String.valueOf(year.year()), detail);
  }

  static String sha256(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
