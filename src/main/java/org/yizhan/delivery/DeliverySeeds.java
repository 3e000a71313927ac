package org.yizhan.delivery;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yizhan.platform.seeds.DemoSeeds;

/** The residents of the demo station enrolled at the canteen, whom the meal rounds bring their meals. */
@Component
@Order(50)
class DeliverySeeds implements DemoSeeds {

  private final JdbcClient jdbc;

  DeliverySeeds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<SeedFile> files() {
    return List.of(new SeedFile("canteen.yaml", files -> files.read("canteen.yaml", String.class).forEach(
        residentId -> jdbc.sql("insert into canteen_enrolment (resident_id, enrolled_at) values (?, ?)")
            .params(residentId, LocalDateTime.now()).update())));
  }
}
