package org.yizhan.camunda.webapp;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;
import org.yizhan.platform.web.EngineRestConfig;

/**
 * The engine API Camunda's webapps talk to ({@code /camunda/api/engine}), registered before Camunda's webapp starter
 * does, as Camunda would register it but with the station's exception mappers ({@link EngineRestConfig#REFUSAL_MAPPERS})
 * among its providers, so that Tasklist gets a 400 with the message where Camunda answers 500. Camunda's starter finds
 * the servlet name taken and leaves it alone; its filters are mapped by URL and apply as before.
 *
 * <p>Camunda internals: the servlet's name in the webapp starter and the webapps' {@link EngineRestApplication} (impl
 * package); verified on 7.24.0. See docs/decisions/webapp-engine-api-refusals.md.
 */
public final class WebappEngineApi {

  /** The name under which Camunda's webapp starter registers the webapps' engine API, and skips it if taken. */
  static final String SERVLET_NAME = "Engine Api";

  private WebappEngineApi() {}

  public static ServletContextInitializer withProviders(String urlPattern) {
    return new Registration(urlPattern);
  }

  record Registration(String urlPattern) implements ServletContextInitializer, Ordered {

    @Override
    public void onStartup(ServletContext servletContext) {
      ServletRegistration api = servletContext.addServlet(SERVLET_NAME, ServletContainer.class);
      if (api == null) {
        throw new IllegalStateException("The servlet '" + SERVLET_NAME + "' is already registered");
      }
      api.addMapping(urlPattern);
      api.setInitParameters(Map.of("jakarta.ws.rs.Application", Application.class.getName()));
    }

    /** Before Camunda's webapp initializer, which registers the servlet only if nobody has. */
    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }

  /** Camunda's webapp engine API with the station's mappers added. Public: Jersey instantiates it by name. */
  public static class Application extends EngineRestApplication {
    @Override
    public Set<Class<?>> getClasses() {
      Set<Class<?>> classes = new HashSet<>(super.getClasses());
      classes.addAll(EngineRestConfig.REFUSAL_MAPPERS);
      return classes;
    }
  }
}
