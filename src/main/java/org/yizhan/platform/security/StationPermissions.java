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
import java.util.TreeMap;
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
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The station's permission table: roles (with the groups that hold them) and, per thing a person may want to do, the
 * roles that may do it and the Camunda grants it needs. {@code security/station-permissions.yaml} holds the roles and
 * the lines every capability shares; each capability contributes the lines of its own work in
 * {@code org/yizhan/<capability>/permissions.yaml} beside its classes ({@value #CAPABILITY_LINES}), read in the order
 * of the capabilities' names. StationAccess makes
 * the grants from it, the station's API asks it, the tests try it. Read once at start; a line that does not read (an
 * unknown role, resource or permission) stops the start with the line named.
 */
@Component
public class StationPermissions {

  static final String LOCATION = "security/station-permissions.yaml";
  static final String CAPABILITY_LINES = "classpath*:org/yizhan/*/permissions.yaml";
  public static final String ANONYMOUS = "anonymous";
  public static final String ADMINISTRATOR = "administrator";

  /** A role and the groups that hold it. */
  public record Role(String id, String name, List<String> groups) {}

  /** One Camunda grant a line needs: the permissions on one resource (id "*" for all). */
  public record Grant(Resources resource, String resourceId, Set<Permission> permissions) {}

  /** One line of the table. */
  public record Line(String id, String what, List<String> roles, String note, List<Grant> grants) {}

  record TableFile(List<RoleEntry> roles, List<LineEntry> permissions) {}

  record LinesFile(List<LineEntry> permissions) {}

  record RoleEntry(String id, String name, List<String> groups) {}

  record LineEntry(String id, String what, List<String> roles, String note, List<String> grants) {}

  private final Map<String, Role> roles;
  private final Map<String, Line> lines;

  public StationPermissions() {
    this(read(), capabilityLines());
  }

  private StationPermissions(TableFile file, Map<String, List<LineEntry>> contributed) {
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
    add(LOCATION, file.permissions());
    contributed.forEach(this::add);
  }

  private void add(String location, List<LineEntry> entries) {
    for (LineEntry entry : entries) {
      Line line = line(location, entry);
      if (lines.put(line.id(), line) != null) {
        throw invalid(location, line.id(), "is there twice");
      }
    }
  }

  /** A table of one file, without the capabilities' lines. */
  static StationPermissions load(InputStream yaml) throws IOException {
    return new StationPermissions(parse(yaml), Map.of());
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

  private Line line(String location, LineEntry entry) {
    if (entry.id() == null || entry.what() == null || entry.roles() == null || entry.roles().isEmpty()) {
      throw invalid(location, entry.id(), "needs an id, what it allows and the roles that may do it");
    }
    for (String role : entry.roles()) {
      if (!roles.containsKey(role)) {
        throw invalid(location, entry.id(), "names role " + role + ", which the table does not have");
      }
    }
    if (!entry.roles().contains(ADMINISTRATOR)) {
      throw invalid(location, entry.id(), "leaves out the administrator, who may do everything");
    }
    List<Grant> grants = entry.grants() == null ? List.of()
        : entry.grants().stream().map(grant -> grant(location, entry.id(), grant)).toList();
    return new Line(entry.id(), entry.what(), List.copyOf(entry.roles()), entry.note(), grants);
  }

  private static Grant grant(String location, String lineId, String text) {
    String[] words = text.trim().split("\\s+");
    if (words.length < 3) {
      throw invalid(location, lineId, "grant \"" + text + "\" should read RESOURCE resourceId PERMISSION…");
    }
    Resources resource;
    try {
      resource = Resources.valueOf(words[0]);
    } catch (IllegalArgumentException unknown) {
      throw invalid(location, lineId, "grant \"" + text + "\" names resource " + words[0] + ", which Camunda does not have");
    }
    Set<Permission> permissions = new LinkedHashSet<>();
    for (String name : Arrays.asList(words).subList(2, words.length)) {
      permissions.add(permission(location, lineId, resource, name));
    }
    return new Grant(resource, words[1], permissions);
  }

  private static Permission permission(String location, String lineId, Resources resource, String name) {
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
        .orElseThrow(() -> invalid(location, lineId, "grants " + name + " on " + resource + ", which Camunda does not have"));
  }

  private static IllegalStateException invalid(String where, String problem) {
    return invalid(LOCATION, where, problem);
  }

  private static IllegalStateException invalid(String location, String where, String problem) {
    return new IllegalStateException(location + ": " + where + " " + problem);
  }

  private static TableFile read() {
    try (InputStream yaml = new ClassPathResource(LOCATION).getInputStream()) {
      return parse(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + LOCATION, e);
    }
  }

  /** Each capability's lines, by the file's place on the class path, in the order of the capabilities' names. */
  private static Map<String, List<LineEntry>> capabilityLines() {
    Map<String, List<LineEntry>> lines = new TreeMap<>();
    try {
      for (Resource file : new PathMatchingResourcePatternResolver().getResources(CAPABILITY_LINES)) {
        String location = "org/yizhan/" + capabilityOf(file) + "/permissions.yaml";
        try (InputStream yaml = file.getInputStream()) {
          LinesFile contributed = yamlReader().readValue(yaml, LinesFile.class);
          if (contributed == null || contributed.permissions() == null) {
            throw invalid(location, "the file", "needs its permissions");
          }
          if (lines.put(location, contributed.permissions()) != null) {
            throw invalid(location, "the file", "is on the class path twice");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + CAPABILITY_LINES, e);
    }
    return lines;
  }

  private static String capabilityOf(Resource file) throws IOException {
    String path = file.getURL().toString();
    String folder = path.substring(0, path.lastIndexOf('/'));
    return folder.substring(folder.lastIndexOf('/') + 1);
  }

  private static ObjectMapper yamlReader() {
    return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private static TableFile parse(InputStream yaml) throws IOException {
    TableFile file = yamlReader().readValue(yaml, TableFile.class);
    if (file == null || file.roles() == null || file.permissions() == null) {
      throw invalid("the file", "needs roles and permissions");
    }
    return file;
  }
}
