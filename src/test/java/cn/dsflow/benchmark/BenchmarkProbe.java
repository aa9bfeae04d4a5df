package cn.dsflow.benchmark;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records each firing of a benchmark timer, so duplicates can be counted (a row per firing, no unique key). */
@Component("benchmarkProbe")
public class BenchmarkProbe {

  private final JdbcTemplate jdbc;

  public BenchmarkProbe(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void fired(DelegateExecution execution) {
    jdbc.update("INSERT INTO benchmark_fired (instance_id, fired_at) VALUES (?, clock_timestamp())", execution.getProcessInstanceId());
  }
}
