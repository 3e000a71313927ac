package org.yizhan.platform.seeds;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yizhan.platform.StartupWork;
import org.yizhan.platform.YizhanProperties;

/**
 * Loads the demo station from {@code seeds/} once: each capability says which files it owns and stores them itself
 * ({@link DemoSeeds}); each file is recorded in {@code seed_load} when loaded, so a second start keeps what is there
 * and loads nothing twice. Only in the demo profile (the prod profile switches {@code yizhan.seeds.enabled} off and
 * refuses to start with it on).
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "yizhan.seeds.enabled", havingValue = "true")
public class DemoSeedLoader implements ApplicationRunner {

  /** Every demo user but the administrator signs in with this password. */
  public static final String DEMO_PASSWORD = "demo";

  private static final Logger log = LoggerFactory.getLogger(DemoSeedLoader.class);

  private final JdbcClient jdbc;
  private final SeedFiles files;
  private final List<DemoSeeds> capabilities;
  private final ApplicationEventPublisher events;

  public DemoSeedLoader(JdbcClient jdbc, YizhanProperties properties, List<DemoSeeds> capabilities,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.capabilities = capabilities;
    this.events = events;
    this.files = new SeedFiles(Path.of(properties.seeds().dir()));
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    for (DemoSeeds capability : capabilities) {
      capability.files().forEach(this::loadOnce);
    }
    // Counted by the readiness check once this transaction is committed (StartupWork).
    events.publishEvent(new StartupWork.Done(StartupWork.Step.SEEDS_LOADED));
  }

  private void loadOnce(DemoSeeds.SeedFile file) {
    boolean loaded = jdbc.sql("select count(*) from seed_load where name = ?").param(file.name())
        .query(Integer.class).single() > 0;
    if (loaded) {
      return;
    }
    file.load().accept(files);
    jdbc.sql("insert into seed_load (name, loaded_at) values (?, ?)").params(file.name(), LocalDateTime.now()).update();
    log.info("Loaded demo data from seeds/{}", file.name());
  }
}
