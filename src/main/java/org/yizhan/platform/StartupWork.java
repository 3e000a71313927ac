package org.yizhan.platform;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The work a station must finish at start before it takes requests: the models in {@code processes/} deployed
 * (platform/deployment/ProcessFolderDeployer) and, where demo data is on, the seeds loaded
 * (platform/seeds/DemoSeedLoader). Until both are done this indicator is DOWN, and it belongs to the readiness group
 * ({@code /actuator/health/readiness}, application.yaml), so a load balancer sends no request to a node whose catalog
 * is still empty. Liveness does not include it: a node still starting is not a node to restart.
 *
 * <p>Each step announces itself with a {@link Done} event. A step inside a transaction counts once that transaction
 * is committed (the seeds are loaded in one), so readiness never reports data another request could not yet see.
 */
@Component("startup")
public class StartupWork implements HealthIndicator {

  /** A piece of start-up work. */
  public enum Step {
    MODELS_DEPLOYED, SEEDS_LOADED
  }

  /** Published by whoever finished a step. */
  public record Done(Step step) {}

  private final Set<Step> needed;
  private final Set<Step> done = ConcurrentHashMap.newKeySet();

  public StartupWork(YizhanProperties properties) {
    this.needed = properties.seeds() != null && properties.seeds().enabled()
        ? EnumSet.allOf(Step.class)
        : EnumSet.of(Step.MODELS_DEPLOYED);
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(Done event) {
    done.add(event.step());
  }

  /** Whether every step this station needs is done. */
  public boolean finished() {
    return done.containsAll(needed);
  }

  @Override
  public Health health() {
    Health.Builder health = finished() ? Health.up() : Health.down();
    health.withDetail("models", describe(Step.MODELS_DEPLOYED, "已部署 (deployed)"));
    health.withDetail("seeds", describe(Step.SEEDS_LOADED, "已载入 (loaded)"));
    return health.build();
  }

  private String describe(Step step, String whenDone) {
    if (!needed.contains(step)) {
      return "未启用 (not enabled)";
    }
    return done.contains(step) ? whenDone : "进行中 (in progress)";
  }
}
