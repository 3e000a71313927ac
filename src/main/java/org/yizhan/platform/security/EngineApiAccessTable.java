package org.yizhan.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Which engine API calls each role may make, as written in {@code security/engine-api-access.yaml}: per role, the
 * groups that hold it and lines of {@code METHOD /path/pattern} relative to the engine ({@code POST /task/{id}/claim}).
 * A caller may make a call if any of their groups holds a role with a matching line. The table is read once at start;
 * a mistake in it (an unknown method, a pattern that does not parse) stops the start with the line named.
 */
final class EngineApiAccessTable {

  static final String LOCATION = "security/engine-api-access.yaml";

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "*");

  /** One line of the table. */
  record Endpoint(String method, PathPattern pattern) {
    boolean matches(String requestMethod, PathContainer path) {
      return (method.equals("*") || method.equals(requestMethod)) && pattern.matches(path);
    }

    @Override
    public String toString() {
      return method + " " + pattern.getPatternString();
    }
  }

  record Role(String name, List<Pattern> groups, List<Endpoint> endpoints) {
    boolean heldByAnyOf(Collection<String> groupIds) {
      return groupIds.stream().anyMatch(group -> groups.stream().anyMatch(pattern -> pattern.matcher(group).matches()));
    }
  }

  /** The file's shape; Jackson reads it. */
  record TableFile(List<RoleEntry> roles) {}

  record RoleEntry(String name, String description, List<String> groups, List<String> endpoints) {}

  private final List<Role> roles;

  private EngineApiAccessTable(List<Role> roles) {
    this.roles = List.copyOf(roles);
  }

  static EngineApiAccessTable load(InputStream yaml) throws IOException {
    TableFile file = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(yaml, TableFile.class);
    if (file == null || file.roles() == null || file.roles().isEmpty()) {
      throw new IllegalArgumentException(LOCATION + " names no roles");
    }
    List<Role> roles = new ArrayList<>();
    for (RoleEntry entry : file.roles()) {
      roles.add(role(entry));
    }
    return new EngineApiAccessTable(roles);
  }

  List<Role> roles() {
    return roles;
  }

  /** Whether any of the groups holds a role that may make this call; {@code path} is relative to the engine. */
  boolean allows(Collection<String> groupIds, String method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    String upper = method.toUpperCase(Locale.ROOT);
    return roles.stream().filter(role -> role.heldByAnyOf(groupIds))
        .anyMatch(role -> role.endpoints().stream().anyMatch(endpoint -> endpoint.matches(upper, container)));
  }

  private static Role role(RoleEntry entry) {
    if (entry.name() == null || entry.groups() == null || entry.groups().isEmpty() || entry.endpoints() == null
        || entry.endpoints().isEmpty()) {
      throw new IllegalArgumentException(LOCATION + ": every role needs a name, groups and endpoints (" + entry + ")");
    }
    List<Pattern> groups = entry.groups().stream().map(EngineApiAccessTable::groupPattern).toList();
    List<Endpoint> endpoints = entry.endpoints().stream().map(line -> endpoint(entry.name(), line)).toList();
    return new Role(entry.name(), groups, endpoints);
  }

  /** {@code grid-*-volunteers}: a star stands for one part of a group id (letters, digits, dots and hyphens). */
  static Pattern groupPattern(String group) {
    StringBuilder regex = new StringBuilder();
    String[] parts = group.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append("[A-Za-z0-9.-]+");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }

  static Endpoint endpoint(String role, String line) {
    String[] parts = line == null ? new String[0] : line.trim().split("\\s+");
    if (parts.length != 2 || !METHODS.contains(parts[0]) || !parts[1].startsWith("/")) {
      throw new IllegalArgumentException(LOCATION + ", role " + role + ": '" + line
          + "' is not 'METHOD /path' (METHOD one of " + METHODS + ")");
    }
    try {
      return new Endpoint(parts[0], PathPatternParser.defaultInstance.parse(parts[1]));
    } catch (PatternParseException unreadable) {
      throw new IllegalArgumentException(LOCATION + ", role " + role + ": '" + line + "': "
          + unreadable.getMessage(), unreadable);
    }
  }
}
