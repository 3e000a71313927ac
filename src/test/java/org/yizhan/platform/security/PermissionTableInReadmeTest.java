package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The README's permission table is the permission file, rendered for people: a change to one without the other fails
 * here, and the README as it should read is written to target/README.expected.md.
 */
class PermissionTableInReadmeTest {

  private static final String START = "<!-- permission-table: made from src/main/resources/security/station-permissions.yaml and the capabilities' org/yizhan/*/permissions.yaml -->";
  private static final String END = "<!-- end of permission-table -->";

  @Test
  void readmeShowsThePermissionFileAsItIs() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains(START).contains(END);
    String expected = readme.substring(0, readme.indexOf(START) + START.length()) + "\n"
        + render(new StationPermissions()) + readme.substring(readme.indexOf(END));
    if (!expected.equals(readme)) {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/README.expected.md"), expected, StandardCharsets.UTF_8);
    }
    assertThat(readme).as("README.md's permission table (see target/README.expected.md)").isEqualTo(expected);
  }

  static String render(StationPermissions table) {
    StringBuilder out = new StringBuilder();
    out.append("| 能做什么 (What) | ")
        .append(table.roles().stream().map(role -> chinese(role.name())).collect(Collectors.joining(" | ")))
        .append(" |\n| --- |").append(" :-: |".repeat(table.roles().size())).append('\n');
    for (StationPermissions.Line line : table.lines()) {
      out.append("| ").append(line.what());
      if (line.note() != null) {
        out.append("; ").append(line.note());
      }
      out.append(" `").append(line.id()).append("` |");
      for (StationPermissions.Role role : table.roles()) {
        out.append(line.roles().contains(role.id()) ? " ✓ |" : "   |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String chinese(String name) {
    int english = name.indexOf(" (");
    return english < 0 ? name : name.substring(0, english);
  }
}
