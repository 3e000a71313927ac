package org.yizhan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/** The probes a load balancer or an orchestrator reads (docs/operations.md), over real HTTP. */
@StationTest
class HealthProbesIT {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void anybodyReadsLivenessAndReadinessAsUpWithoutDetails() {
    for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
      Response anybody = StationHttp.anonymous(port).get(probe);
      assertThat(anybody.status()).as(probe).isEqualTo(200);
      assertThat(anybody.json().toString()).as(probe).isEqualTo("{\"status\":\"UP\"}");
    }
    Response volunteer = StationHttp.as(port, "wang.fang", "demo").get("/actuator/health/readiness");
    assertThat(volunteer.json().toString()).as("a volunteer").isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void readinessWaitsForModelsSeedsAndDatabaseWhileLivenessIsTheApplicationAlone() {
    StationHttp admin = StationHttp.as(port, "admin", "admin");

    Response readiness = admin.get("/actuator/health/readiness");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(names(readiness)).containsExactlyInAnyOrder("readinessState", "db", "startup");
    assertThat(readiness.json().at("/components/startup/details/models").asText()).isEqualTo("已部署 (deployed)");
    assertThat(readiness.json().at("/components/startup/details/seeds").asText()).isEqualTo("已载入 (loaded)");

    Response liveness = admin.get("/actuator/health/liveness");
    assertThat(liveness.status()).isEqualTo(200);
    assertThat(names(liveness)).as("no database: an outage must not restart every node")
        .containsExactly("livenessState");
  }

  @Test
  void nodeRefusingTrafficIsTakenOutOfRotationButNotRestarted() {
    AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
    try {
      Response readiness = StationHttp.anonymous(port).get("/actuator/health/readiness");
      assertThat(readiness.status()).isEqualTo(503);
      assertThat(readiness.json().toString()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
      assertThat(StationHttp.anonymous(port).get("/actuator/health/liveness").status()).isEqualTo(200);
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
    assertThat(StationHttp.anonymous(port).get("/actuator/health/readiness").status()).isEqualTo(200);
  }

  private static List<String> names(Response response) {
    List<String> names = new ArrayList<>();
    response.json().get("components").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
