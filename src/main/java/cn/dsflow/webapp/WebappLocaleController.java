package cn.dsflow.webapp;

import cn.dsflow.system.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the webapps' locale files in place of the webjar's static ones, so the Chinese labels and the operator's
 * banner line reach the browser. The path is the one the webapps request; Camunda's own security filter in front of
 * it treats it exactly as it treats the static file (readable before login, as the login page needs it).
 */
@RestController
public class WebappLocaleController {

  private final WebappLocales locales;

  public WebappLocaleController(WebappLocales locales) {
    this.locales = locales;
  }

  @GetMapping("/camunda/app/{app}/locales/{language}.json")
  public ResponseEntity<byte[]> locale(@PathVariable String app, @PathVariable String language) {
    byte[] file = locales.file(app, language);
    if (file == null) {
      throw ApiException.notFound("没有 " + app + " 的 " + language + " 语言文件");
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noCache()).body(file);
  }
}
