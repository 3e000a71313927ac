package org.yizhan.platform.seeds;

import java.util.List;
import java.util.function.Consumer;

/**
 * A capability's part of the demo station: the files of {@code seeds/} it owns and how it stores them, in its own
 * tables or through its own services. The {@link DemoSeedLoader} loads each file once, capability by capability in the
 * order of their {@code @Order}, and within a capability in the order of {@link #files()}.
 */
public interface DemoSeeds {

  List<SeedFile> files();

  /** One file of {@code seeds/} and what loads it. */
  record SeedFile(String name, Consumer<SeedFiles> load) {}
}
