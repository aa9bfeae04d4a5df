package cn.dsflow.system;

/**
 * A file or attachment name as it is stored and shown: the last path segment only, without control or bidirectional
 * formatting characters. A name like {@code ../../etc/passwd} or one with a right-to-left override (U+202E, which
 * makes {@code gpj.exe} read as {@code exe.jpg}) would mislead the person who opens the record.
 */
public final class DisplayName {

  public static final int MAX_LENGTH = 200;

  private DisplayName() {}

  /** The cleaned name, or {@code fallback} when nothing readable is left. */
  public static String sanitise(String name, String fallback) {
    if (name == null) {
      return fallback;
    }
    String lastSegment = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder clean = new StringBuilder(lastSegment.length());
    lastSegment.codePoints().filter(cp -> !hidden(cp)).forEach(clean::appendCodePoint);
    String s = clean.toString().strip();
    while (s.startsWith(".")) {
      s = s.substring(1);
    }
    if (s.isBlank()) {
      return fallback;
    }
    return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
  }

  private static boolean hidden(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED;
  }
}
