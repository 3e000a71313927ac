package org.yizhan.residents;

import java.time.LocalDate;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yizhan.platform.seeds.DemoSeeds;

/** The demo station's grids with their buildings, and the (invented) residents who live in them, with their tags. */
@Component
@Order(40)
class ResidentSeeds implements DemoSeeds {

  record BuildingSeed(String id, String name) {}

  record GridSeed(String id, String name, List<BuildingSeed> buildings) {}

  record ResidentSeed(String id, String name, String phone, String address, String building, LocalDate birthDate,
      List<String> tags) {}

  private final JdbcClient jdbc;

  ResidentSeeds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<SeedFile> files() {
    return List.of(
        new SeedFile("grids.yaml", files -> files.read("grids.yaml", GridSeed.class).forEach(this::grid)),
        new SeedFile("residents.yaml", files -> files.read("residents.yaml", ResidentSeed.class)
            .forEach(this::resident)));
  }

  private void grid(GridSeed grid) {
    jdbc.sql("insert into grid (id, name) values (?, ?)").params(grid.id(), grid.name()).update();
    grid.buildings().forEach(building -> jdbc.sql("insert into building (id, name, grid_id) values (?, ?, ?)")
        .params(building.id(), building.name(), grid.id()).update());
  }

  private void resident(ResidentSeed resident) {
    jdbc.sql("insert into resident (id, name, phone, address, building_id, birth_date) values (?, ?, ?, ?, ?, ?)")
        .params(resident.id(), resident.name(), resident.phone(), resident.address(), resident.building(),
            resident.birthDate())
        .update();
    resident.tags().forEach(tag -> jdbc.sql("insert into resident_tag (resident_id, tag) values (?, ?)")
        .params(resident.id(), tag).update());
  }
}
