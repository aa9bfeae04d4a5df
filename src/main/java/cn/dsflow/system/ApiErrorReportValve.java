package cn.dsflow.system;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import jakarta.servlet.ServletException;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat refuses some requests before any application code runs (an address that does not decode, {@code ..} hidden
 * in escapes, a request line it cannot parse, a method token with a forbidden character, TRACE, a transfer coding it
 * does not implement): no filter, no {@code /error}, only the host's error report, an HTML page. Under {@code /api}
 * this report is dsflow's JSON {@code {error, message}} instead (DESIGN.md); elsewhere it stays Tomcat's page without
 * details. A request line that could not be parsed has no path to tell the API from the webapps by, and no browser
 * sends one: it is answered as the API answers.
 */
public class ApiErrorReportValve extends ErrorReportValve {

  public ApiErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  /**
   * A request the connector already refused (TRACE, an unsupported transfer coding) is answered here: forwarded to
   * {@code /error} it would meet Spring Security's firewall, which rejects such a method again and leaves the body
   * empty.
   */
  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    if (response.isError() && response.getContentWritten() == 0 && answersInJson(request)) {
      response.setSuspended(false);
      report(request, response, null);
      return;
    }
    super.invoke(request, response);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    if (!answersInJson(request)) {
      super.report(request, response, throwable);
      return;
    }
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    Map<String, Object> body = ApiErrorController.answer(status, request.getMethod());
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("utf-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write("{\"error\":\"" + body.get("error") + "\",\"message\":\"" + body.get("message") + "\"}");
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the connection is gone or the response already started: nothing more to tell the client
    }
  }

  private static boolean answersInJson(Request request) {
    String uri = request.getRequestURI();
    return uri == null || !uri.startsWith("/") || uri.equals("/api") || uri.startsWith("/api/") || uri.startsWith("/api;");
  }

  /** Puts the valve in place of the host's plain error report, after Spring Boot has installed that one. */
  @Component
  static class Installation implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(context -> {
        Container host = context.getParent();
        for (Valve valve : host.getPipeline().getValves()) {
          if (valve instanceof ErrorReportValve && !(valve instanceof ApiErrorReportValve)) {
            host.getPipeline().removeValve(valve);
          }
        }
        host.getPipeline().addValve(new ApiErrorReportValve());
        if (host instanceof StandardHost standard) {
          standard.setErrorReportValveClass(ApiErrorReportValve.class.getName());
        }
      });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE; // after Spring Boot's own customizer, whose valve this one replaces
    }
  }
}
