package cn.dsflow.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads {@code cn-YYYY.json} files: first those shipped in the jar ({@code classpath:calendar/}), then those in the
 * operator's directory, which add years or replace shipped ones without a rebuild.
 */
public class HolidayDataLoader {

  private static final Logger LOG = LoggerFactory.getLogger(HolidayDataLoader.class);

  private final ObjectMapper mapper = new ObjectMapper();

  public Map<Integer, HolidayYear> load(String operatorDirectory) {
    Map<Integer, HolidayYear> years = new TreeMap<>();
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:calendar/cn-*.json")) {
        try (InputStream in = r.getInputStream()) {
          HolidayYear y = parse(in, r.getDescription());
          years.put(y.year(), y);
        }
      }
      if (operatorDirectory != null && !operatorDirectory.isBlank()) {
        Path dir = Path.of(operatorDirectory);
        if (!Files.isDirectory(dir)) {
          throw new IllegalStateException("DSFLOW_CALENDAR_DIR " + dir.toAbsolutePath() + " is not a directory");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "cn-*.json")) {
          for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
              HolidayYear y = parse(in, f.toString());
              if (years.containsKey(y.year())) {
                LOG.info("Holiday data for {} from {} replaces the shipped file", y.year(), f);
              }
              years.put(y.year(), y);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read holiday data: " + e.getMessage(), e);
    }
    LOG.info("Working-day calendar has data for {}", years.keySet());
    return years;
  }

  HolidayYear parse(InputStream in, String where) throws IOException {
    try {
      JsonNode root = mapper.readTree(in);
      int year = root.required("year").asInt();
      Map<LocalDate, String> off = new HashMap<>();
      for (JsonNode h : root.path("holidays")) {
        LocalDate from = LocalDate.parse(h.required("from").asText());
        LocalDate to = LocalDate.parse(h.required("to").asText());
        if (to.isBefore(from)) {
          throw new IllegalArgumentException("holiday " + h + " ends before it starts");
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
          off.put(d, h.required("name").asText());
        }
      }
      Map<LocalDate, String> work = new HashMap<>();
      for (JsonNode w : root.path("makeUpWorkdays")) {
        work.put(LocalDate.parse(w.required("date").asText()), w.required("name").asText());
      }
      return new HolidayYear(year, root.path("source").asText(""), off, work);
    } catch (RuntimeException e) {
      throw new IllegalStateException("invalid holiday file " + where + ": " + e.getMessage(), e);
    }
  }
}
