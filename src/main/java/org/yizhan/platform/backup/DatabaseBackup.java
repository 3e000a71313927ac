package org.yizhan.platform.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * An online backup of the embedded H2 database while the station runs. The app holds the database file alone (H2's
 * file lock), so no second process can copy it consistently; H2's own {@code BACKUP TO} does it from inside: it writes
 * the store's pending changes and copies the file into a zip without stopping writers, and what it copies is a
 * consistent state (H2 keeps its MVCC store append-only for the length of the copy, and a transaction that had not
 * committed is rolled back when the copy is opened). Restoring is unpacking the zip into {@code data/}
 * (docs/operations.md, "备份与恢复 (Backup and restore)").
 *
 * <p>PostgreSQL has its own tool, {@code pg_dump}, which works from any machine without the app, so a station on
 * PostgreSQL is told to use it. One backup at a time: a second request while one runs is refused rather than queued,
 * so an impatient administrator cannot pile up copies.
 */
@Component
public class DatabaseBackup {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBackup.class);

  /** H2's "Database is not persistent": an in-memory database has no file to copy. */
  private static final int H2_NOT_PERSISTENT = 90126;
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'yizhan-'yyyyMMdd-HHmmss");
  static final String PARTIAL = ".part";

  private final DataSource dataSource;
  private final Path directory;
  private final Clock clock;
  private final ReentrantLock running = new ReentrantLock();

  /** The database or the disk failed during the backup (a full disk, a folder the station may not write). */
  public static class BackupFailed extends RuntimeException {
    BackupFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Autowired
  public DatabaseBackup(DataSource dataSource, BackupProperties properties) {
    this(dataSource, properties, Clock.systemDefaultZone());
  }

  DatabaseBackup(DataSource dataSource, BackupProperties properties, Clock clock) {
    this.dataSource = dataSource;
    this.directory = properties.dir().toAbsolutePath().normalize();
    this.clock = clock;
  }

  /** Takes a backup into the configured directory, named by the time it was taken (the server's time zone). */
  public BackupFile take(String requestedBy) {
    if (!running.tryLock()) {
      throw new BackupRefused("已有一个备份正在进行，请等它完成后再试 (A backup is already running; try again when it is done)");
    }
    try (Connection connection = dataSource.getConnection()) {
      String database = connection.getMetaData().getDatabaseProductName();
      if (!"H2".equals(database)) {
        throw new BackupRefused("驿站用的是 " + database + " 数据库，请用 pg_dump 备份，见 docs/operations.md「备份与恢复」 "
            + "(This station runs on " + database + ": back it up with pg_dump, see docs/operations.md, \"Backup and "
            + "restore\")");
      }
      OffsetDateTime takenAt = OffsetDateTime.now(clock);
      Files.createDirectories(directory);
      Path target = freeName(takenAt);
      // Written under another name and renamed when complete, so that a zip in the directory is always a whole backup
      // (a node that dies during the copy leaves a .part file, never a short .zip).
      Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
      try {
        backUpTo(connection, partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        // A backup that failed (a full disk) leaves nothing that could be mistaken for one.
        Files.deleteIfExists(partial);
      }
      BackupFile backup = new BackupFile(target.getFileName().toString(), Files.size(target), takenAt);
      LOG.info("数据库已备份 (Database backed up): {} ({} bytes), requested by {}", target, backup.bytes(), requestedBy);
      return backup;
    } catch (SQLException | IOException e) {
      LOG.error("数据库备份失败 (Database backup failed) into {}", directory, e);
      throw new BackupFailed("备份失败 (The backup failed): " + e.getMessage(), e);
    } finally {
      running.unlock();
    }
  }

  private static void backUpTo(Connection connection, Path file) throws SQLException {
    try (PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
      backup.setString(1, file.toString());
      backup.execute();
    } catch (SQLException e) {
      if (e.getErrorCode() == H2_NOT_PERSISTENT) {
        throw new BackupRefused("这是内存数据库，没有可备份的文件 (This is an in-memory database: there is no file to back up)");
      }
      throw e;
    }
  }

  /** yizhan-20261130-103000.zip, or -2, -3… when a backup of the same second is already there. */
  private Path freeName(OffsetDateTime takenAt) {
    String stem = NAME.format(takenAt);
    Path candidate = directory.resolve(stem + ".zip");
    for (int n = 2; Files.exists(candidate); n++) {
      candidate = directory.resolve(stem + "-" + n + ".zip");
    }
    return candidate;
  }
}
