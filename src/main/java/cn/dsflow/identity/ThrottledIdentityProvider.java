package cn.dsflow.identity;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Camunda's database identity service with {@link LoginThrottle} in place of the engine's account lock. Every password
 * check goes through here, whatever the door: {@code /engine-rest} (HTTP Basic), {@code /api}, and the webapps' login.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private final LoginThrottle throttle;

  ThrottledIdentityProvider(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    if (LoginThrottle.impossibleUserId(userId) || password == null) {
      return false;
    }
    String source = ClientAddress.current();
    if (throttle.lockedUntil(source, userId).isPresent()) {
      return false; // not even compared: a locked-out guesser learns nothing from further tries
    }
    UserEntity user = findUserById(userId);
    if (user == null) {
      return false; // names nobody has are not counted, so guessing names fills no table
    }
    if (matchPassword(password, user)) {
      throttle.succeeded(source, userId);
      return true;
    }
    throttle.failed(source, userId);
    return false;
  }

  /** Camunda Admin's "unlock" (administrators only, checked by the engine's command) also ends our locks. */
  @Override
  public IdentityOperationResult unlockUser(String userId) {
    throttle.lift(userId, Context.getCommandContext().getAuthenticatedUserId());
    return super.unlockUser(userId);
  }
}
