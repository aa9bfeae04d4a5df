package cn.dsflow.identity;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Current login locks for the administrator: which address may not try which account, and until when (Beijing time).
 * Each lock is also in the audit chain ({@code LOGIN_THROTTLED}, subject {@code user}).
 */
@RestController
@RequestMapping("/api/login-locks")
class LoginLockController {

  private static final String[] ADMINS = {Group.ADMIN};

  private final LoginThrottle throttle;
  private final CurrentUser currentUser;

  LoginLockController(LoginThrottle throttle, CurrentUser currentUser) {
    this.throttle = throttle;
    this.currentUser = currentUser;
  }

  @GetMapping
  List<LoginThrottle.Lock> current() {
    requireAdmin();
    return throttle.current();
  }

  /** Ends the account's locks early, e.g. when the owner shares an address with the guesser. */
  @DeleteMapping("/{userId}")
  Map<String, Object> lift(@PathVariable String userId) {
    requireAdmin();
    return Map.of("userId", userId, "lifted", throttle.lift(userId, currentUser.id()));
  }

  private void requireAdmin() {
    currentUser.requireAnyOf(ADMINS, "登录锁定仅供系统管理员查看 (login locks are for the administrator)");
  }
}
