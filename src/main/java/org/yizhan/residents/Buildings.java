package org.yizhan.residents;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The station's buildings and the grids they belong to, as the other capabilities may ask about them. */
@Component
public class Buildings {

  /** A building, its name and its grid's, e.g. "老厂区11号楼 (Old Works No. 11)" in "北区网格 (North grid)". */
  public record Building(String id, String name, String gridId, String gridName) {

    /** Where it is, as everybody on a task may see it: building and grid, never a flat. */
    public String area() {
      return name + " · " + gridName;
    }
  }

  private final JdbcClient jdbc;

  Buildings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Building> find(String buildingId) {
    return jdbc.sql("""
            select b.id, b.name, b.grid_id as gridId, g.name as gridName
            from building b join grid g on g.id = b.grid_id where b.id = ?""")
        .param(buildingId).query(Building.class).optional();
  }
}
