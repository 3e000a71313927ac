package org.yizhan.residents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ResidentRepository {

  private static final String SELECT = """
      select r.id, r.name, r.phone, r.address, r.building_id, b.name as building_name, g.id as grid_id,
             g.name as grid_name, r.birth_date
      from resident r join building b on b.id = r.building_id join grid g on g.id = b.grid_id
      """;

  private final JdbcClient jdbc;

  public ResidentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Those of these residents who still live here (are active), in the order of their numbers. */
  public List<String> activeAmong(Collection<String> residentIds) {
    if (residentIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id from resident where active = true and id in (:ids) order by id")
        .param("ids", List.copyOf(residentIds)).query(String.class).list();
  }

  /** The residents who live here and carry any of these tags, in the order of their numbers. */
  public List<String> activeWithAnyTag(Set<ResidentTag> tags) {
    return jdbc.sql("""
            select distinct t.resident_id from resident_tag t join resident r on r.id = t.resident_id
            where r.active = true and t.tag in (:tags) order by t.resident_id""")
        .param("tags", tags.stream().map(Enum::name).toList()).query(String.class).list();
  }

  public Optional<Resident> find(String id) {
    return jdbc.sql(SELECT + " where r.id = ? and r.active = true").param(id)
        .query((rs, row) -> map(rs, tagsOf(List.of(id)).getOrDefault(id, Set.of()))).optional();
  }

  /** Active residents whose id, name, building or grid contains the text (any case); all when it is blank. */
  public List<Resident> search(String text, int limit) {
    String like = "%" + (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) + "%";
    List<Resident> found = jdbc.sql(SELECT + """
             where r.active = true
               and (lower(r.id) like :q or lower(r.name) like :q or lower(b.name) like :q or lower(g.name) like :q)
             order by r.id
             limit :limit""")
        .param("q", like).param("limit", limit)
        .query((rs, row) -> map(rs, Set.of())).list();
    if (found.isEmpty()) {
      return found;
    }
    Map<String, Set<ResidentTag>> tags = tagsOf(found.stream().map(Resident::id).toList());
    return found.stream()
        .map(r -> new Resident(r.id(), r.name(), r.phone(), r.address(), r.buildingId(), r.buildingName(), r.gridId(),
            r.gridName(), r.birthDate(), tags.getOrDefault(r.id(), Set.of())))
        .toList();
  }

  private Map<String, Set<ResidentTag>> tagsOf(List<String> residentIds) {
    return jdbc.sql("select resident_id, tag from resident_tag where resident_id in (:ids)")
        .param("ids", residentIds)
        .query((rs, row) -> Map.entry(rs.getString("resident_id"), ResidentTag.valueOf(rs.getString("tag"))))
        .list().stream()
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.mapping(Map.Entry::getValue, Collectors.toCollection(() -> EnumSet.noneOf(ResidentTag.class)))));
  }

  private static Resident map(ResultSet rs, Set<ResidentTag> tags) throws SQLException {
    var birth = rs.getDate("birth_date");
    return new Resident(rs.getString("id"), rs.getString("name"), rs.getString("phone"), rs.getString("address"),
        rs.getString("building_id"), rs.getString("building_name"), rs.getString("grid_id"), rs.getString("grid_name"),
        birth == null ? null : birth.toLocalDate(), tags);
  }
}
