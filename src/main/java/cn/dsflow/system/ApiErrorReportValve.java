package cn.dsflow.system;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
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
 * in escapes): no filter, no {@code /error}, only the host's error report, an HTML page. Under {@code /api} this report
 * is dsflow's JSON {@code {error, message}} instead (DESIGN.md); elsewhere it stays Tomcat's page without details.
 */
public class ApiErrorReportValve extends ErrorReportValve {

  public ApiErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    String uri = request.getRequestURI();
    if (uri == null || !(uri.equals("/api") || uri.startsWith("/api/") || uri.startsWith("/api;"))) {
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
