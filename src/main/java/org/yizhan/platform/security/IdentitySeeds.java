package org.yizhan.platform.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.yizhan.platform.seeds.DemoSeedLoader;
import org.yizhan.platform.seeds.DemoSeeds;

/**
 * The demo station's people: its groups, its users and the volunteers of each grid, in Camunda's identity service.
 * Loaded first: the other capabilities' seeds add their members to groups of their own through {@link #members}.
 */
@Component
@Order(10)
public class IdentitySeeds implements DemoSeeds {

  record GroupSeed(String id, String name) {}

  record UserSeed(String id, String firstName, String lastName, List<String> groups) {}

  record GridVolunteersSeed(String grid, List<String> volunteers) {}

  private final IdentityService identity;

  IdentitySeeds(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public List<SeedFile> files() {
    return List.of(
        new SeedFile("groups.yaml", files -> files.read("groups.yaml", GroupSeed.class)
            .forEach(group -> group(group.id(), group.name()))),
        new SeedFile("users.yaml", files -> files.read("users.yaml", UserSeed.class)
            .forEach(user -> user(user.id(), user.firstName(), user.lastName(), user.groups()))),
        new SeedFile("grid-volunteers.yaml", files -> files.read("grid-volunteers.yaml", GridVolunteersSeed.class)
            .forEach(seed -> members(StationGroups.gridVolunteers(seed.grid()),
                seed.grid() + "网格志愿者 (Volunteers of grid " + seed.grid() + ")", seed.volunteers()))));
  }

  /** A user who signs in with the demo password, and their groups; what is there already is kept. */
  public void user(String id, String firstName, String lastName, List<String> groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(id + "@station.example");
      user.setPassword(DemoSeedLoader.DEMO_PASSWORD);
      identity.saveUser(user);
    }
    groups.forEach(groupId -> membership(id, groupId));
  }

  /** A group (made if missing) and these members of it. */
  public void members(String groupId, String groupName, List<String> users) {
    group(groupId, groupName);
    users.forEach(userId -> membership(userId, groupId));
  }

  private void group(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }

  private void membership(String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }
}
