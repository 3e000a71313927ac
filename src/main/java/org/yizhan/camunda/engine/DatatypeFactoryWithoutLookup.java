package org.yizhan.camunda.engine;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Names the JDK's own {@link DatatypeFactory} in its system property, unless the operator has named one, so that
 * {@code DatatypeFactory.newInstance()} loads that class instead of first searching every jar of the class path for a
 * provider (none of the station's jars has one, so the search always ends at the same class).
 *
 * <p>Camunda's {@code DurationHelper} calls {@code newInstance()} for every timer it schedules (an order's accept
 * deadline, a delivery's retry, a mediation level's deadline) and for every due date it computes. In a profile of
 * placing orders under load the search was 2.7 % of the request threads' samples, and threads queued for the jars'
 * locks. Off with {@code yizhan.camunda.datatype-factory-without-lookup=false}; see
 * docs/decisions/datatype-factory-without-lookup.md.
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.datatype-factory-without-lookup", havingValue = "true",
    matchIfMissing = true)
public class DatatypeFactoryWithoutLookup extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
      System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
          DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }
  }
}
