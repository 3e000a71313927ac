package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/** The station's engine is built with the plugin, and the JDK's date-time factory is named. */
@StationTest
class DatatypeFactoryWithoutLookupInEngineTest {

  @Autowired ProcessEngine engine;

  @Test
  void theStationsEngineRunsThePluginAndTheFactoryIsNamed() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    // The starter hands the engine its plugins wrapped in one composite.
    assertThat(configuration.getProcessEnginePlugins())
        .flatMap(plugin -> plugin instanceof CompositeProcessEnginePlugin composite ? composite.getPlugins() : List.of(plugin))
        .hasAtLeastOneElementOfType(DatatypeFactoryWithoutLookup.class);
    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
  }
}
