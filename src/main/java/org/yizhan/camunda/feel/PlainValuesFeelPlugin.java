package org.yizhan.camunda.feel;

import java.util.List;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Decision tables are evaluated by {@link SafeScalaFeelEngine}: Camunda's own FEEL engine, reading plain values only
 * ({@link PlainValuesOnly}). With Camunda's legacy FEEL switched on, Camunda's legacy engine is used as before. Off with
 * {@code yizhan.camunda.feel-plain-values-only=false}; see docs/decisions/feel-plain-values-only.md. The engine keeps
 * the expressions it has parsed ({@link ParsedFeelCache}) unless {@code yizhan.camunda.feel-parse-cache=false}; see
 * docs/decisions/feel-parse-cache.md.
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.feel-plain-values-only", havingValue = "true", matchIfMissing = true)
public class PlainValuesFeelPlugin extends AbstractProcessEnginePlugin {

  private final boolean parseCache;

  /** With the parse cache, as the station runs by default. */
  public PlainValuesFeelPlugin() {
    this(true);
  }

  @Autowired
  public PlainValuesFeelPlugin(@Value("${yizhan.camunda.feel-parse-cache:true}") boolean parseCache) {
    this.parseCache = parseCache;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    // Called when the DMN engine is built: by then Camunda has copied the process engine's FEEL settings (custom
    // functions, legacy behaviour) onto the DMN engine's configuration, after every plugin has had its say.
    dmn.setFeelEngineFactory(new FeelEngineFactory() {
      @Override
      public FeelEngine createInstance() {
        if (dmn.isEnableFeelLegacyBehavior()) {
          return new FeelEngineFactoryImpl().createInstance(); // what Camunda builds for its legacy FEEL
        }
        List<FeelCustomFunctionProvider> functions = dmn.getFeelCustomFunctionProviders();
        List<FeelCustomFunctionProvider> providers = functions == null ? List.of() : functions;
        return parseCache ? new ParsedFeelCache(providers) : new SafeScalaFeelEngine(providers);
      }
    });
    configuration.setDmnEngineConfiguration(dmn);
  }
}
