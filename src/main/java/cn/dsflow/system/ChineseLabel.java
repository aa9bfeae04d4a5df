package cn.dsflow.system;

import java.util.Arrays;
import java.util.Optional;
import org.camunda.bpm.engine.identity.User;

/**
 * A code a person reads by its Chinese name (DESIGN.md: every code shown to a person has its Chinese label). The label
 * lives on the code's own enum, so a page, a mail and the ledger cannot drift apart; this is the one way they look it up
 * from the text a record or a variable holds. Beside {@link BeijingTime}, in a package that imports no other dsflow
 * package, so any capability can use it without a cycle.
 */
public interface ChineseLabel {

  String chineseName();

  /** The Chinese name of the code, or the code as it is when no constant has that name: shown, never dropped. */
  static <E extends Enum<E> & ChineseLabel> String of(Class<E> type, String code) {
    return constant(type, code).map(ChineseLabel::chineseName).orElse(code);
  }

  /** The constant a stored code names, if any; a record written by an older release may hold a code no longer known. */
  static <E extends Enum<E>> Optional<E> constant(Class<E> type, String code) {
    return code == null ? Optional.empty()
        : Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(code)).findFirst();
  }

  /**
   * A person as Chinese readers write a name: family name first, no space (issue 18: "三 张" reads wrong); the account id
   * when the directory holds no name.
   */
  static String person(User user, String userId) {
    if (user == null) {
      return userId;
    }
    String name = strip(user.getLastName()) + strip(user.getFirstName());
    return name.isEmpty() ? userId : name;
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }
}
