package org.yizhan.platform.deployment;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Notices a manager saving a model in processes/ (as Modeler does) and deploys the change within seconds, through the
 * same gate as at startup. Polls a cheap fingerprint: editors save by writing, renaming or replacing files, and a
 * fingerprint sees all of them.
 */
@Component
class ProcessFolderWatch implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ProcessFolderWatch.class);

  private final ProcessFolderDeployer deployer;
  private final Duration interval;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "processes-folder-watch");
    thread.setDaemon(true);
    return thread;
  });
  private volatile String lastSeen;

  ProcessFolderWatch(ProcessFolderDeployer deployer, @Value("${yizhan.models-check-interval:2000}") long intervalMillis) {
    this.deployer = deployer;
    this.interval = Duration.ofMillis(intervalMillis);
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    lastSeen = deployer.fingerprint();
    if (interval.isZero() || !deployer.watchesFolder()) {
      return;
    }
    timer.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info("Watching processes/ for changes every {} ms", interval.toMillis());
  }

  /** Deploys when the folder changed since the last look; returns whether it looked at a change. */
  boolean check() {
    String now = deployer.fingerprint();
    if (now.equals(lastSeen)) {
      return false;
    }
    // Remembered only once the deployment went through (deployed, or refused by the gate): a deployment that failed
    // (the database away, another node holding the models lock too long) is tried again at the next look.
    deployer.deploy();
    lastSeen = now;
    return true;
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      log.error("Could not deploy the changed models; the running versions stay", e);
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
