package org.yizhan.platform.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** What happened to each model file the last time somebody tried to deploy it. */
@Component
public class ModelStatus {

  /**
   * {@code OLDER_THAN_DEPLOYED}: the copy this node has equals an earlier version in the database, which a newer one
   * has replaced; it was not deployed again (see {@link ProcessFolderDeployer}).
   */
  public enum Result { DEPLOYED, UNCHANGED, REFUSED, OLDER_THAN_DEPLOYED }

  public record FileStatus(String file, Integer deployedVersion, Instant lastAttempt, Result result,
      List<String> reasons) {}

  private final Map<String, FileStatus> files = new TreeMap<>();

  synchronized void record(String file, Integer deployedVersion, Result result, List<String> reasons) {
    FileStatus previous = files.get(file);
    Integer version = deployedVersion != null ? deployedVersion : previous == null ? null : previous.deployedVersion();
    files.put(file, new FileStatus(file, version, Instant.now(), result, List.copyOf(reasons)));
  }

  /**
   * The file now equals the version that runs: an earlier refusal or "older than deployed" no longer holds (the
   * manager put the running content back, or the node's folder was brought up to date).
   */
  synchronized void matchesRunningVersion(String file) {
    FileStatus previous = files.get(file);
    if (previous != null && (previous.result() == Result.REFUSED || previous.result() == Result.OLDER_THAN_DEPLOYED)) {
      files.put(file, new FileStatus(file, previous.deployedVersion(), Instant.now(), Result.UNCHANGED, List.of()));
    }
  }

  public synchronized List<FileStatus> all() {
    return List.copyOf(files.values());
  }

  public synchronized List<FileStatus> refused() {
    return withResult(Result.REFUSED);
  }

  public synchronized List<FileStatus> olderThanDeployed() {
    return withResult(Result.OLDER_THAN_DEPLOYED);
  }

  private List<FileStatus> withResult(Result result) {
    return files.values().stream().filter(status -> status.result() == result).toList();
  }
}
