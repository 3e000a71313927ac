package org.yizhan.support.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Yizhan node as an operator runs it: the jar the build packaged, in a JVM of its own, with its own working
 * directory (so its own {@code processes/} folder, or none) and its own log. {@link #kill()} is {@code kill -9}.
 *
 * <p>Used by the cluster and crash tests (failsafe runs them after {@code package}, so the jar exists).
 */
public final class AppNode implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path workDir;
  private final int port;
  private final List<String> args;
  private List<String> jvmOptions = List.of();
  private Process process;

  private AppNode(String name, Path workDir, int port, List<String> args) {
    this.name = name;
    this.workDir = workDir;
    this.port = port;
    this.args = args;
  }

  /**
   * A node that is not started yet.
   *
   * @param workDir its working directory, created if missing; {@code processes/} in it is the node's model folder
   * @param args    Spring Boot arguments ({@code --spring.datasource.url=…}); the port is chosen here
   */
  public static AppNode create(String name, Path workDir, List<String> args) throws IOException {
    Files.createDirectories(workDir);
    return new AppNode(name, workDir, freePort(), List.copyOf(args));
  }

  /** The arguments that put a node on a PostgreSQL database with the demo users and data. */
  public static List<String> onPostgres(String jdbcUrl, String... more) {
    List<String> args = new ArrayList<>(List.of("--spring.profiles.active=demo,postgres",
        "--spring.datasource.url=" + jdbcUrl));
    args.addAll(List.of(more));
    return args;
  }

  /**
   * JVM options after the defaults (so that they win where they set the same thing), e.g. the full JIT compiler and a
   * larger heap for the benchmark's second node, which would otherwise stop at the first tier to start fast.
   */
  public AppNode withJvmOptions(String... options) {
    jvmOptions = List.of(options);
    return this;
  }

  /** Starts the JVM and returns at once; see {@link #awaitReady(Duration)}. Starting again after a kill restarts it. */
  public AppNode start() throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx640m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toString(),
        "--server.port=" + port, "--server.address=127.0.0.1", "--logging.level.root=WARN",
        "--logging.level.org.yizhan=INFO"));
    command.addAll(args);
    Path log = log();
    Files.writeString(log, "=== start " + java.time.Instant.now() + " " + command + "\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return this;
  }

  /** Waits until {@code /actuator/health/readiness} answers 200; fails with the log's end when the node died. */
  public AppNode awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + logTail());
      }
      if (readinessStatus() == 200) {
        return this;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + logTail());
  }

  /** The HTTP status of the readiness probe, or -1 when nothing answers. */
  public int readinessStatus() throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notAnswering) {
      return -1;
    }
  }

  /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly(); // SIGKILL on Linux
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A graceful stop (SIGTERM), as an orchestrator stops a node for an upgrade. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public Path workDir() {
    return workDir;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public Path log() {
    return workDir.resolve(name + ".log");
  }

  /** The last 80 lines of the node's log, for a failure message. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  /** The jar {@code mvn package} built (the Spring Boot executable one, not {@code .original}). */
  public static Path jar() throws IOException {
    Path target = Path.of("target").toAbsolutePath();
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(file -> file.getFileName().toString().matches("yizhan-.*\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("No target/yizhan-*.jar: run ./mvnw package first"));
    }
  }

  /** Whether the packaged jar is there (failsafe runs after package; an IDE run may not have one). */
  public static boolean jarBuilt() {
    try {
      return Files.isRegularFile(jar());
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
