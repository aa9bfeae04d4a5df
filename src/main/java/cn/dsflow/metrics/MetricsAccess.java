package cn.dsflow.metrics;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Only the officers who answer for data security and the administrator read the metrics: they show open incidents by
 * level and the regulators' clocks, which are not every employee's business (000 §3.1.2). Runs after the HTTP Basic
 * login of {@code /api}; a refusal is audited like any other read refused to a signed-in user.
 */
class MetricsAccess extends OncePerRequestFilter {

  static final String[] READERS = Group.AUDIT_READERS;

  private final CurrentUser currentUser;
  private final ComplianceMetrics metrics;
  private final AuditChain audit;
  private final Set<String> scrapers;

  /**
   * @param scrapers accounts that may read the metrics without being in an officers' group: a scraper in such a group
   *     would also be offered that group's tasks, so its technical account is better in no dsflow group at all
   */
  MetricsAccess(CurrentUser currentUser, ComplianceMetrics metrics, AuditChain audit, Set<String> scrapers) {
    this.currentUser = currentUser;
    this.metrics = metrics;
    this.audit = audit;
    this.scrapers = scrapers;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!currentUser.isIn(READERS) && (currentUser.id() == null || !scrapers.contains(currentUser.id()))) {
      audit.appendIndependently("METRICS_REFUSED", currentUser.id(), "metrics", request.getRequestURI(),
          Map.of("groups", currentUser.groups()));
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"error\":\"forbidden\",\"message\":\"运行指标仅供数据安全负责人、审计和系统管理员查看"
          + " (metrics are for dso, dsDirect, dsFirst, audit and the administrator)\"}");
      return;
    }
    metrics.refresh();
    chain.doFilter(request, response);
  }
}
