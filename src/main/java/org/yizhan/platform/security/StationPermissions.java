package org.yizhan.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The station's permission table, {@code security/station-permissions.yaml}: roles (with the groups that hold them)
 * and, per thing a person may want to do, the roles that may do it and the Camunda grants it needs. StationAccess makes
 * the grants from it, the station's API asks it, the tests try it. Read once at start; a line that does not read (an
 * unknown role, resource or permission) stops the start with the line named.
 */
@Component
public class StationPermissions {

  static final String LOCATION = "security/station-permissions.yaml";
  public static final String ANONYMOUS = "anonymous";
  public static final String ADMINISTRATOR = "administrator";

  /** A role and the groups that hold it. */
  public record Role(String id, String name, List<String> groups) {}

  /** One Camunda grant a line needs: the permissions on one resource (id "*" for all). */
  public record Grant(Resources resource, String resourceId, Set<Permission> permissions) {}

  /** One line of the table. */
  public record Line(String id, String what, List<String> roles, String note, List<Grant> grants) {}

  record TableFile(List<RoleEntry> roles, List<LineEntry> permissions) {}

  record RoleEntry(String id, String name, List<String> groups) {}

  record LineEntry(String id, String what, List<String> roles, String note, List<String> grants) {}

  private final Map<String, Role> roles;
  private final Map<String, Line> lines;

  public StationPermissions() {
    this(read());
  }

  private StationPermissions(TableFile file) {
    this.roles = new LinkedHashMap<>();
    for (RoleEntry entry : file.roles()) {
      if (entry.id() == null || entry.name() == null || entry.groups() == null) {
        throw invalid("role " + entry.id(), "needs an id, a name and its groups");
      }
      if (roles.put(entry.id(), new Role(entry.id(), entry.name(), List.copyOf(entry.groups()))) != null) {
        throw invalid("role " + entry.id(), "is there twice");
      }
    }
    this.lines = new LinkedHashMap<>();
    for (LineEntry entry : file.permissions()) {
      Line line = line(entry);
      if (lines.put(line.id(), line) != null) {
        throw invalid(line.id(), "is there twice");
      }
    }
  }

  static StationPermissions load(InputStream yaml) throws IOException {
    return new StationPermissions(parse(yaml));
  }

  public Collection<Role> roles() {
    return roles.values();
  }

  public Collection<Line> lines() {
    return lines.values();
  }

  public Line line(String id) {
    Line line = lines.get(id);
    if (line == null) {
      throw new IllegalArgumentException("No line " + id + " in " + LOCATION);
    }
    return line;
  }

  /** The roles a caller holds through their groups; a caller without groups is anonymous. */
  public Set<String> rolesOf(Collection<String> groupIds) {
    if (groupIds == null || groupIds.isEmpty()) {
      return Set.of(ANONYMOUS);
    }
    return roles.values().stream()
        .filter(role -> role.groups().stream().anyMatch(groupIds::contains))
        .map(Role::id)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Whether a caller with these groups may do what the line says (a caller without groups is anonymous). */
  public boolean allows(Collection<String> groupIds, String lineId) {
    List<String> allowed = line(lineId).roles();
    return rolesOf(groupIds).stream().anyMatch(allowed::contains);
  }

  /** A role of the table by its id. */
  public Role role(String id) {
    Role role = roles.get(id);
    if (role == null) {
      throw new IllegalArgumentException("No role " + id + " in " + LOCATION);
    }
    return role;
  }

  /** The groups of the roles that may do what the line says. */
  public Set<String> groupsAllowed(String lineId) {
    return line(lineId).roles().stream()
        .flatMap(role -> roles.get(role).groups().stream())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private Line line(LineEntry entry) {
    if (entry.id() == null || entry.what() == null || entry.roles() == null || entry.roles().isEmpty()) {
      throw invalid(entry.id(), "needs an id, what it allows and the roles that may do it");
    }
    for (String role : entry.roles()) {
      if (!roles.containsKey(role)) {
        throw invalid(entry.id(), "names role " + role + ", which the table does not have");
      }
    }
    if (!entry.roles().contains(ADMINISTRATOR)) {
      throw invalid(entry.id(), "leaves out the administrator, who may do everything");
    }
    List<Grant> grants = entry.grants() == null ? List.of()
        : entry.grants().stream().map(grant -> grant(entry.id(), grant)).toList();
    return new Line(entry.id(), entry.what(), List.copyOf(entry.roles()), entry.note(), grants);
  }

  private static Grant grant(String lineId, String text) {
    String[] words = text.trim().split("\\s+");
    if (words.length < 3) {
      throw invalid(lineId, "grant \"" + text + "\" should read RESOURCE resourceId PERMISSION…");
    }
    Resources resource;
    try {
      resource = Resources.valueOf(words[0]);
    } catch (IllegalArgumentException unknown) {
      throw invalid(lineId, "grant \"" + text + "\" names resource " + words[0] + ", which Camunda does not have");
    }
    Set<Permission> permissions = new LinkedHashSet<>();
    for (String name : Arrays.asList(words).subList(2, words.length)) {
      permissions.add(permission(lineId, resource, name));
    }
    return new Grant(resource, words[1], permissions);
  }

  private static Permission permission(String lineId, Resources resource, String name) {
    Permission[] candidates = switch (resource) {
      case PROCESS_DEFINITION -> ProcessDefinitionPermissions.values();
      case PROCESS_INSTANCE -> ProcessInstancePermissions.values();
      case TASK -> TaskPermissions.values();
      case BATCH -> BatchPermissions.values();
      case HISTORIC_TASK -> HistoricTaskPermissions.values();
      case HISTORIC_PROCESS_INSTANCE -> HistoricProcessInstancePermissions.values();
      default -> Permissions.values();
    };
    return Arrays.stream(candidates)
        .filter(permission -> permission.getName().equals(name))
        .filter(permission -> Arrays.asList(permission.getTypes()).contains(resource))
        .findFirst()
        .orElseThrow(() -> invalid(lineId, "grants " + name + " on " + resource + ", which Camunda does not have"));
  }

  private static IllegalStateException invalid(String where, String problem) {
    return new IllegalStateException(LOCATION + ": " + where + " " + problem);
  }

  private static TableFile read() {
    try (InputStream yaml = new ClassPathResource(LOCATION).getInputStream()) {
      return parse(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + LOCATION, e);
    }
  }

  private static TableFile parse(InputStream yaml) throws IOException {
    TableFile file = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(yaml, TableFile.class);
    if (file == null || file.roles() == null || file.permissions() == null) {
      throw invalid("the file", "needs roles and permissions");
    }
    return file;
  }
}
