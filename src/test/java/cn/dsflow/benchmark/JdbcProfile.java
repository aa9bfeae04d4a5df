package cn.dsflow.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts what the application asks of the database, by thread kind, through a wrapper around the one DataSource:
 * transactions (commits, and statements run in autocommit), statements, rows written, and jobs created. PostgreSQL's own
 * counters (pg_stat_database) are flushed about once a second per backend, too coarse to split a flow into steps.
 */
final class JdbcProfile {

  /** Who issued the work: the caller's thread, the job executor's acquisition poll, its workers, or the scheduler. */
  enum Source { REQUEST, JOB_ACQUISITION, JOB, SCHEDULED }

  static final class Counters {
    final AtomicLong transactions = new AtomicLong();
    final AtomicLong statements = new AtomicLong();
    final AtomicLong rowsWritten = new AtomicLong();
    final AtomicLong jobsCreated = new AtomicLong();
    final AtomicLong auditRows = new AtomicLong();
    /** Commits of a transaction that wrote something, and writing autocommit statements: the rest only read. */
    final AtomicLong writingTransactions = new AtomicLong();
    /** Rows written by table, e.g. {@code insert act_hi_varinst}: where a step's writes go. */
    final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> rowsByTable = new java.util.concurrent.ConcurrentHashMap<>();

    long[] snapshot() {
      return new long[] {transactions.get(), statements.get(), rowsWritten.get(), jobsCreated.get(), auditRows.get(),
          writingTransactions.get()};
    }

    java.util.Map<String, Long> rowsByTable() {
      java.util.Map<String, Long> copy = new java.util.TreeMap<>();
      rowsByTable.forEach((table, n) -> copy.put(table, n.get()));
      return copy;
    }
  }

  static final Counters[] BY_SOURCE = new Counters[Source.values().length];

  static {
    for (int i = 0; i < BY_SOURCE.length; i++) {
      BY_SOURCE[i] = new Counters();
    }
  }

  static long[][] snapshot() {
    long[][] s = new long[BY_SOURCE.length][];
    for (int i = 0; i < BY_SOURCE.length; i++) {
      s[i] = BY_SOURCE[i].snapshot();
    }
    return s;
  }

  private static Counters current() {
    String thread = Thread.currentThread().getName();
    Source source = thread.startsWith("JobExecutor[") ? Source.JOB_ACQUISITION
        : thread.startsWith("camundaTaskExecutor") ? Source.JOB
        : thread.startsWith("scheduling") ? Source.SCHEDULED
        : Source.REQUEST;
    return BY_SOURCE[source.ordinal()];
  }

  static BeanPostProcessor wrapper() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource ds ? wrap(ds, DataSource.class, new DataSourceHandler(ds)) : bean;
      }
    };
  }

  @SuppressWarnings("unchecked")
  static <T> T wrap(Object target, Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(JdbcProfile.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  record DataSourceHandler(DataSource target) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      Object result = call(target, m, args);
      return result instanceof Connection c ? wrap(c, Connection.class, new ConnectionHandler(c)) : result;
    }
  }

  static final class ConnectionHandler implements InvocationHandler {
    private final Connection target;
    /** Whether the transaction open on this connection has written anything yet. */
    boolean wrote;

    ConnectionHandler(Connection target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      if (m.getName().equals("commit")) {
        current().transactions.incrementAndGet();
        if (wrote) {
          current().writingTransactions.incrementAndGet();
        }
      }
      if (m.getName().equals("commit") || m.getName().equals("rollback")) {
        wrote = false;
      }
      Object result = call(target, m, args);
      String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
      if (result instanceof CallableStatement s) {
        return wrap(s, CallableStatement.class, new StatementHandler(s, this, sql));
      }
      if (result instanceof PreparedStatement s) {
        return wrap(s, PreparedStatement.class, new StatementHandler(s, this, sql));
      }
      if (result instanceof Statement s) {
        return wrap(s, Statement.class, new StatementHandler(s, this, null));
      }
      return result;
    }
  }

  /** The last task query run with authorization checks, and its parameters, for EXPLAIN ANALYZE. */
  record Captured(String sql, java.util.Map<Integer, Object> parameters) {}

  static volatile Captured lastTaskListQuery;

  /** One statement as a recorded call ran it: its SQL, parameters and time. */
  record Ran(Captured statement, double ms) {}

  /** Set on a thread to record every statement it runs (the 待我审批 section lists what one list call costs). */
  static final ThreadLocal<java.util.List<Ran>> RECORDING = new ThreadLocal<>();
  static volatile Captured lastTaskCountQuery;

  static final class StatementHandler implements InvocationHandler {
    private final Statement target;
    private final ConnectionHandler connection;
    private final String preparedSql;
    private final java.util.Map<Integer, Object> parameters = new java.util.TreeMap<>();
    private int batched;

    StatementHandler(Statement target, ConnectionHandler connection, String preparedSql) {
      this.target = target;
      this.connection = connection;
      this.preparedSql = preparedSql;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      String name = m.getName();
      if (name.equals("addBatch")) {
        batched++;
      }
      if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
        parameters.put(i, name.equals("setNull") ? null : args[1]);
      }
      if (!name.startsWith("execute")) {
        return call(target, m, args);
      }
      String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
      if (sql != null && sql.contains("ACT_RU_TASK RES") && sql.contains("ACT_RU_AUTHORIZATION")
          && sql.contains("ACT_RU_IDENTITYLINK")) {
        Captured captured = new Captured(sql, new java.util.TreeMap<>(parameters));
        if (sql.contains("count(")) {
          lastTaskCountQuery = captured;
        } else {
          lastTaskListQuery = captured;
        }
      }
      Counters c = current();
      boolean autoCommit = connection.target.getAutoCommit();
      long t0 = System.nanoTime();
      Object result = call(target, m, args);
      java.util.List<Ran> recording = RECORDING.get();
      if (recording != null) {
        recording.add(new Ran(new Captured(sql, new java.util.TreeMap<>(parameters)), (System.nanoTime() - t0) / 1e6));
      }
      long written = 0;
      if (result instanceof int[] counts) {
        c.statements.addAndGet(Math.max(1, batched));
        for (int n : counts) {
          written += Math.max(0, n);
        }
        batched = 0;
      } else {
        c.statements.incrementAndGet();
        if (result instanceof Integer n) {
          written = Math.max(0, n);
        } else if (result instanceof Boolean && !(Boolean) result) {
          written = Math.max(0, target.getUpdateCount());
        } else if (result instanceof java.sql.ResultSet) {
          written = 1; // INSERT … RETURNING: the project's single-row appends
        }
      }
      String lower = sql == null ? "" : sql.stripLeading().toLowerCase(Locale.ROOT);
      boolean writes = lower.startsWith("insert") || lower.startsWith("update") || lower.startsWith("delete");
      if (autoCommit) {
        c.transactions.incrementAndGet();
        if (writes && written > 0) {
          c.writingTransactions.incrementAndGet();
        }
      } else if (writes && written > 0) {
        connection.wrote = true;
      }
      if (writes) {
        c.rowsWritten.addAndGet(written);
        c.rowsByTable.computeIfAbsent(table(lower), k -> new AtomicLong()).addAndGet(written);
        if (lower.startsWith("insert into act_ru_job")) {
          c.jobsCreated.addAndGet(written);
        }
        if (lower.startsWith("insert into dsf_audit_event")) {
          c.auditRows.addAndGet(written);
        }
      }
      return result;
    }
  }

  /** {@code insert act_hi_varinst} from {@code insert into ACT_HI_VARINST (…)}: the verb and the table written. */
  static String table(String lowerSql) {
    String[] words = lowerSql.replace('(', ' ').split("\\s+");
    String verb = words[0];
    int at = verb.equals("update") ? 1 : 2; // insert into X, delete from X, update X
    return verb + " " + (words.length > at ? words[at] : "?");
  }

  static java.util.Map<String, Long> rowsByTable(Source source) {
    return BY_SOURCE[source.ordinal()].rowsByTable();
  }

  private JdbcProfile() {}
}
