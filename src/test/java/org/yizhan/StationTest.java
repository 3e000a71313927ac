package org.yizhan;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.yizhan.support.StationStateReset;

/**
 * The one Spring test configuration: the whole app on a random port, demo seeds, in-memory H2, no job executor.
 * Every test class that needs the app uses it, so the context is built once per test run. Each class starts from the
 * station as it was when the app had started, whatever the classes before it did ({@link StationStateReset}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = YizhanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@ExtendWith(StationStateReset.class)
public @interface StationTest {}
