package cn.dsflow.system;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that the product makes on its own behalf (start a notification, record a permit use), not on
 * the caller's: engine authorization checks are off inside, and the caller's rights are checked by our own rules.
 */
@Component
public class SystemCommands {

  private final ProcessEngineConfigurationImpl configuration;

  public SystemCommands(ProcessEngineConfiguration configuration) {
    this.configuration = (ProcessEngineConfigurationImpl) configuration;
  }

  public <T> T run(Supplier<T> work) {
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      boolean checking = context.isAuthorizationCheckEnabled();
      context.disableAuthorizationCheck();
      try {
        return work.get();
      } finally {
        if (checking) {
          context.enableAuthorizationCheck();
        }
      }
    });
  }

  public void run(Runnable work) {
    run(() -> {
      work.run();
      return null;
    });
  }
}
