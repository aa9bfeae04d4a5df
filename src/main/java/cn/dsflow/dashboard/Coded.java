package cn.dsflow.dashboard;

/** A stored code beside the Chinese words a person reads for it: {@code {"code":"IMPORTANT","label":"重要数据"}}. */
public record Coded(String code, String label) {

  static Coded of(String code, String label) {
    return code == null ? null : new Coded(code, label == null ? code : label);
  }
}
