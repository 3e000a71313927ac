package org.yizhan.platform.web;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What Yizhan adds to the engine's two REST APIs: {@code /engine-rest}, which the REST starter builds with Jersey,
 * and {@code /camunda/api/engine}, the copy the webapps (Tasklist among them) talk to.
 */
@Configuration
public class EngineRestConfig {

  /** How the engine's REST API answers refused input (400) and lost races (409), where Camunda answers with 500. */
  static final List<Class<?>> REFUSAL_MAPPERS = List.of(RefusedRequestMapper.class, MissingValueMapper.class,
      ConflictMappers.AlreadyClaimed.class, ConflictMappers.TaskEnded.class, ConflictMappers.ChangedMeanwhile.class);

  /** The name under which Camunda's webapp starter registers the webapps' engine API, and skips it if taken. */
  static final String WEBAPP_ENGINE_API_SERVLET = "Engine Api";

  @Bean
  ResourceConfigCustomizer refusedRequestsAreBadRequests() {
    return config -> REFUSAL_MAPPERS.forEach(config::register);
  }

  /**
   * Only where Camunda's webapps run (the same condition as Camunda's webapp auto-configuration): they also put their
   * authentication, CSRF and security filters in front of {@code /camunda/api/*}; without them this API would be
   * open to anyone.
   */
  @Bean
  @ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", matchIfMissing = true)
  ServletContextInitializer webappEngineApiWithRefusalMappers(CamundaBpmProperties camunda) {
    return new WebappEngineApiRegistration(camunda.getWebapp().getApplicationPath() + "/api/engine/*");
  }

  /**
   * Registers the webapps' engine API before Camunda's webapp starter does, as Camunda would register it but with the
   * {@link #REFUSAL_MAPPERS} among its providers, so that Tasklist gets a 400 with the message too. Camunda's starter
   * finds the servlet taken and leaves it alone; its filters are mapped by URL and apply as before.
   */
  record WebappEngineApiRegistration(String urlPattern) implements ServletContextInitializer, Ordered {

    @Override
    public void onStartup(ServletContext servletContext) {
      ServletRegistration api = servletContext.addServlet(WEBAPP_ENGINE_API_SERVLET, ServletContainer.class);
      if (api == null) {
        throw new IllegalStateException("The servlet '" + WEBAPP_ENGINE_API_SERVLET + "' is already registered");
      }
      api.addMapping(urlPattern);
      api.setInitParameters(Map.of("jakarta.ws.rs.Application", WebappEngineApplication.class.getName()));
    }

    /** Before Camunda's webapp initializer, which registers the servlet only if nobody has. */
    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }

  /** Camunda's webapp engine API with the refusal mappers added. Public: Jersey instantiates it. */
  public static class WebappEngineApplication extends EngineRestApplication {
    @Override
    public Set<Class<?>> getClasses() {
      Set<Class<?>> classes = new HashSet<>(super.getClasses());
      classes.addAll(REFUSAL_MAPPERS);
      return classes;
    }
  }
}
