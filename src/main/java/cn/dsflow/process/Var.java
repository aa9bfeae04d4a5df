package cn.dsflow.process;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * One process variable: its name as the BPMN, DMN and forms spell it, and the Java type Camunda stores it as. Each
 * process names its variables once, in its {@code *Variables} class in this package, so a renamed form field or BPMN
 * expression breaks one constant and {@code ProcessVariableNamesTest} rather than a cast somewhere at run time.
 *
 * <p>Mirrors only: a variable may be rewritten by any starter or candidate through {@code /engine-rest}, so nothing
 * read here may decide whether an act may happen (DESIGN.md, trust model) — those facts come from dsflow's tables.
 */
public final class Var<T> {

  private final String name;
  private final Class<T> type;
  private final boolean internal;

  private Var(String name, Class<T> type, boolean internal) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
    this.internal = internal;
  }

  /** A variable the BPMN, a DMN or a form names: an expression reads it, a form shows or submits it. */
  public static <T> Var<T> of(String name, Class<T> type) {
    return new Var<>(name, type, false);
  }

  /**
   * A variable only dsflow's Java writes and reads: a mirror of a table fact for Cockpit and the case file, or a value
   * carried from one listener to the next. No BPMN, DMN or form names it, and the naming test keeps it that way.
   */
  public static <T> Var<T> internal(String name, Class<T> type) {
    return new Var<>(name, type, true);
  }

  public boolean internal() {
    return internal;
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** The value, or null when unset; a value of another type fails here as the hand cast it replaces did. */
  public T get(VariableScope scope) {
    return type.cast(scope.getVariable(name));
  }

  public T getLocal(VariableScope scope) {
    return type.cast(scope.getVariableLocal(name));
  }

  /** The value when it has the declared type, else null: for a variable a client may have overwritten with junk. */
  public T getOrNull(VariableScope scope) {
    Object value = scope.getVariable(name);
    return type.isInstance(value) ? type.cast(value) : null;
  }

  /** Whether the variable holds {@code expected}; a value of another type is simply not equal. */
  public boolean is(VariableScope scope, T expected) {
    return expected.equals(scope.getVariable(name));
  }

  /** True only for a stored {@code true}; unset, false or anything else is false, whatever its type. */
  public boolean isTrue(VariableScope scope) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  public boolean isSet(VariableScope scope) {
    return scope.getVariable(name) != null;
  }

  /** The value as text for people to read ("null" when unset, as {@link String#valueOf(Object)} writes it). */
  public String text(VariableScope scope) {
    return String.valueOf(scope.getVariable(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }

  public void remove(VariableScope scope) {
    scope.removeVariable(name);
  }

  @Override
  public String toString() {
    return name + ":" + type.getSimpleName();
  }
}
