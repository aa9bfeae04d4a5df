package cn.dsflow.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * How a refusal leaves the engine as an object rather than as text.
 *
 * <p>Camunda 7.24 has no extension point that maps an exception to an HTTP status: its REST layer answers 403 for an
 * AuthorizationException, 400 for a BadUserRequestException and otherwise 500, often after wrapping the engine's
 * exception ("Cannot complete task …"), and an expression listener ({@code ${bean.method(task)}}) wraps whatever it
 * throws into a plain ProcessEngineException. A custom error code does travel (ProcessEngineException#getCode, the
 * {@code code} of the REST answer), but it is a number: it cannot carry our code and Chinese reason. So:
 * <ol>
 *   <li>next to the command (a post-command interceptor) the refusal is lifted out of the engine's wrappers, so the
 *       command fails with the refusal itself — a BadUserRequestException, which the engine logs at DEBUG;</li>
 *   <li>around the outermost command (a pre-command interceptor) it is logged once, at INFO with its code, and handed
 *       to the HTTP request being served, if any ({@link #open()}), where {@link EngineRefusalResponseFilter} turns the
 *       engine's answer into the refusal's own status and {@code {error, message}};</li>
 *   <li>{@link QuietRestLog} drops the engine REST layer's "ENGINE-REST-HTTP500" warning and stack trace for a request
 *       whose failure was such a refusal. Real faults keep both.</li>
 * </ol>
 * Works alike for {@code /engine-rest} and the webapps' {@code /camunda/api/engine}: both serve a request on one thread.
 */
@Component
public class RefusalChannel extends AbstractProcessEnginePlugin {

  static final Logger LOG = LoggerFactory.getLogger(RefusalChannel.class);
  private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

  public RefusalChannel() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.addTurboFilter(new QuietRestLog());
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    pre.add(0, new Announce());
    configuration.setCustomPreCommandInterceptorsTxRequired(pre);
    List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    post.add(0, new Unwrap());
    configuration.setCustomPostCommandInterceptorsTxRequired(post);
  }

  /** One line per refusal, with its status and code: a refusal is the system working, not a fault (issue 18 item 10). */
  public static void log(EngineRefusal refusal) {
    if (refusal.logged) {
      return;
    }
    refusal.logged = true;
    LOG.info("refused {} {}: {}", refusal.status(), refusal.code(), refusal.reason());
  }

  /** Opens the slot an HTTP request's refusal is handed to; close it when the request is answered. */
  public static Slot open() {
    Slot slot = new Slot(CURRENT.get());
    CURRENT.set(slot);
    return slot;
  }

  /** The refusal of the HTTP request being served on this thread, if any. */
  public static final class Slot implements AutoCloseable {
    private final Slot outer;
    private EngineRefusal refusal;

    private Slot(Slot outer) {
      this.outer = outer;
    }

    public EngineRefusal refusal() {
      return refusal;
    }

    void hold(EngineRefusal refusal) {
      this.refusal = refusal;
    }

    @Override
    public void close() {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  static boolean servingRefusal() {
    Slot slot = CURRENT.get();
    return slot != null && slot.refusal != null;
  }

  static final class Unwrap extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        EngineRefusal refusal = EngineRefusal.in(e);
        if (refusal == null) {
          refusal = refusedValue(e);
        }
        throw refusal == null ? e : refusal;
      }
    }

    /**
     * A query value the database or the engine cannot use is the caller's input, not a server fault (found by the
     * attack, all 500 before): PostgreSQL's data exceptions (SQLSTATE class 22: a NUL byte, a negative LIMIT or
     * OFFSET, 65,536+ bound values, a pattern ending in the escape character) and a null where the engine needs a
     * value. (What the engine REST refuses before a command runs is mapped by EngineRefusalResponseFilter.)
     */
    static EngineRefusal refusedValue(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        String state = c instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
        if ((state != null && state.startsWith("22")) || c instanceof org.camunda.bpm.engine.exception.NullValueException) {
          String said = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage().lines().findFirst().orElse("");
          return new EngineRefusal(400, "invalid_query",
              "提交或查询的值无法使用 (a value sent cannot be used: " + (said.length() > 200 ? said.substring(0, 200) : said) + ")");
        }
      }
      return null;
    }
  }

  static final class Announce extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      boolean outermost = Context.getCommandContext() == null;
      try {
        return next.execute(command);
      } catch (EngineRefusal refusal) {
        if (outermost) {
          log(refusal);
          Slot slot = CURRENT.get();
          if (slot != null) {
            slot.hold(refusal);
          }
        }
        throw refusal;
      }
    }
  }

  /** Camunda's REST layer warns with a full stack trace for every 500 it answers; a refusal is not one. */
  static final class QuietRestLog extends TurboFilter {
    static final String REST_EXCEPTION_LOGGER = "org.camunda.bpm.engine.rest.exception";

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
        Object[] params, Throwable t) {
      return servingRefusal() && logger.getName().startsWith(REST_EXCEPTION_LOGGER) && level != Level.ERROR
          ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
  }
}
