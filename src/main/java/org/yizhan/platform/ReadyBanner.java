package org.yizhan.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the app where to go next. */
@Component
class ReadyBanner {

  private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

  @EventListener(ApplicationReadyEvent.class)
  void ready(ApplicationReadyEvent event) {
    Environment environment = event.getApplicationContext().getEnvironment();
    String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
    log.info("""

        Yizhan (驿站) is ready.
          Tasklist (volunteers, merchants)   {}/camunda/app/tasklist/
          Cockpit (station managers)         {}/camunda/app/cockpit/
          Admin (users, groups, permissions) {}/camunda/app/admin/
          Engine REST API (HTTP Basic)       {}/engine-rest
          Public catalog and order progress  {}/api/public/catalog
        Demo users are listed in README.md (admin/admin, everyone else password "demo").""",
        base, base, base, base, base);
  }
}
