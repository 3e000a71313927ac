package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK's date-time factory is named before the engine schedules its first timer, unless another one was. */
class DatatypeFactoryWithoutLookupTest {

  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
    } else {
      System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, before);
    }
  }

  @Test
  void theJdksOwnFactoryIsNamedAndTimersStillReadDurations() throws Exception {
    System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);

    new DatatypeFactoryWithoutLookup().preInit(new StandaloneInMemProcessEngineConfiguration());

    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    assertThat(DatatypeFactory.newInstance().getClass().getName())
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    Date now = new Date(1_790_000_000_000L);
    ClockUtil.setCurrentTime(now);
    try {
      assertThat(new DurationHelper("PT2H").getDateAfter()).as("an order's accept deadline, as Camunda computes it")
          .isEqualTo(new Date(now.getTime() + Duration.ofHours(2).toMillis()));
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void aFactoryTheOperatorNamedIsKept() {
    System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, "org.example.TheirFactory");

    new DatatypeFactoryWithoutLookup().preInit(new StandaloneInMemProcessEngineConfiguration());

    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY)).isEqualTo("org.example.TheirFactory");
  }
}
