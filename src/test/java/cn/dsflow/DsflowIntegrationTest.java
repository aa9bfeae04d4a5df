package cn.dsflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one application context the integration tests share: demo identities, real PostgreSQL, real SMTP, the real
 * BPMN and forms from bpmn/ and forms/. Keep its configuration identical everywhere so Spring caches one context.
 * The engine clock a test moves is put back after it ({@link EngineClock}), since the next test shares the engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@ExtendWith(EngineClock.class)
public @interface DsflowIntegrationTest {}
