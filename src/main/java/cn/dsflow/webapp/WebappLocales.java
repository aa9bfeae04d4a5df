package cn.dsflow.webapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The locale files the Camunda webapps load, built once at start: our Simplified-Chinese labels (classpath
 * {@code webapp-locales/<app>/zh.json}) and the webjar's English, each with the operator's banner line in place of
 * Camunda's end-of-life notice. Cockpit is translated for the screens officers use; a label we have not written
 * falls back to the webjar's English text instead of showing its key (issue 18).
 */
@Component
public class WebappLocales {

  public static final List<String> APPS = List.of("tasklist", "cockpit", "admin", "welcome");
  public static final List<String> LANGUAGES = List.of("zh", "en");
  static final String BANNER_KEY = "BANNER_CE_EOL_TEXT";

  private final Map<String, byte[]> files = new HashMap<>();

  public WebappLocales(ObjectMapper json, @Value("${dsflow.webapp.banner:}") String banner) {
    // the banner is rendered as HTML by the webapps (ng-bind-html): an operator's text is shown as text, never markup
    String bannerHtml = HtmlUtils.htmlEscape(banner == null ? "" : banner.strip());
    for (String app : APPS) {
      ObjectNode english = read(json, "META-INF/resources/webjars/camunda/app/" + app + "/locales/en.json");
      ObjectNode chinese = read(json, "webapp-locales/" + app + "/zh.json");
      ObjectNode labels = ((ObjectNode) english.get("labels")).deepCopy();
      labels.setAll((ObjectNode) chinese.get("labels"));
      chinese.set("labels", labels);
      ((ObjectNode) english.get("labels")).put(BANNER_KEY, bannerHtml);
      labels.put(BANNER_KEY, bannerHtml);
      files.put(app + "/en", write(json, english));
      files.put(app + "/zh", write(json, chinese));
    }
  }

  /** The locale file's bytes (UTF-8 JSON), or null when the app or language is not one the webapps have. */
  public byte[] file(String app, String language) {
    return files.get(app + "/" + language);
  }

  static ObjectNode read(ObjectMapper json, String path) {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      byte[] bytes = in.readAllBytes();
      int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb ? 3 : 0; // webjar BOM
      return (ObjectNode) json.readTree(bytes, start, bytes.length - start);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read webapp locale " + path, e);
    }
  }

  private static byte[] write(ObjectMapper json, ObjectNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
