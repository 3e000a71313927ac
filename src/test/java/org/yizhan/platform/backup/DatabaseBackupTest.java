package org.yizhan.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseBackupTest {

  private static final Clock HALF_PAST_TEN_IN_BEIJING =
      Clock.fixed(Instant.parse("2026-11-30T02:30:15Z"), ZoneId.of("Asia/Shanghai"));

  @TempDir Path temp;

  private static JdbcDataSource h2(String url) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(url);
    dataSource.setUser("sa");
    dataSource.setPassword("");
    return dataSource;
  }

  @Test
  void aFileDatabaseIsCopiedIntoAZipNamedByTheServersLocalTimeHoldingTheDatabaseFile() throws Exception {
    JdbcDataSource dataSource = h2("jdbc:h2:file:" + temp.resolve("data/yizhan"));
    try (Connection open = dataSource.getConnection(); Statement sql = open.createStatement()) {
      sql.execute("create table station_order (order_no varchar(20))");
      sql.execute("insert into station_order values ('YZ-261130-0001')");
      DatabaseBackup backup = new DatabaseBackup(dataSource, new BackupProperties(temp.resolve("backups")),
          HALF_PAST_TEN_IN_BEIJING);

      BackupFile taken = backup.take("admin");

      assertThat(taken.file()).isEqualTo("yizhan-20261130-103015.zip");
      Path zip = temp.resolve("backups").resolve(taken.file());
      assertThat(Files.size(zip)).isEqualTo(taken.bytes());
      try (ZipFile entries = new ZipFile(zip.toFile())) {
        assertThat(entries.stream().map(entry -> entry.getName()).toList()).containsExactly("yizhan.mv.db");
      }
      assertThat(filesIn(temp.resolve("backups"))).as("no .part left behind").containsExactly(taken.file());
    }
  }

  @Test
  void aSecondBackupInTheSameSecondGetsANameOfItsOwn() throws Exception {
    JdbcDataSource dataSource = h2("jdbc:h2:file:" + temp.resolve("data/yizhan"));
    try (Connection open = dataSource.getConnection()) {
      DatabaseBackup backup = new DatabaseBackup(dataSource, new BackupProperties(temp.resolve("backups")),
          HALF_PAST_TEN_IN_BEIJING);

      String first = backup.take("admin").file();
      String second = backup.take("admin").file();

      assertThat(List.of(first, second)).containsExactly("yizhan-20261130-103015.zip", "yizhan-20261130-103015-2.zip");
    }
  }

  @Test
  void anInMemoryDatabaseIsRefusedWithTheReasonAndLeavesNoFile() throws Exception {
    JdbcDataSource dataSource = h2("jdbc:h2:mem:backup-test;DB_CLOSE_DELAY=-1");
    DatabaseBackup backup = new DatabaseBackup(dataSource, new BackupProperties(temp.resolve("backups")),
        HALF_PAST_TEN_IN_BEIJING);

    assertThatThrownBy(() -> backup.take("admin")).isInstanceOf(BackupRefused.class)
        .hasMessageStartingWith("这是内存数据库").hasMessageContaining("in-memory");
    assertThat(filesIn(temp.resolve("backups"))).isEmpty();
  }

  @Test
  void aBackupThatCannotBeWrittenFailsWithTheReasonAndLeavesNoPartialFile() throws Exception {
    JdbcDataSource dataSource = h2("jdbc:h2:file:" + temp.resolve("data/yizhan"));
    Path backups = temp.resolve("backups");
    try (Connection open = dataSource.getConnection()) {
      DatabaseBackup backup = new DatabaseBackup(dataSource, new BackupProperties(backups), HALF_PAST_TEN_IN_BEIJING);
      // The file H2 would write is taken by a folder: as good as a disk that refuses it.
      Files.createDirectories(backups.resolve("yizhan-20261130-103015.zip.part"));

      assertThatThrownBy(() -> backup.take("admin")).isInstanceOf(DatabaseBackup.BackupFailed.class)
          .hasMessageStartingWith("备份失败 (The backup failed)");
      assertThat(filesIn(backups)).as("no zip, and the partial file removed").isEmpty();
    }
  }

  private static List<String> filesIn(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
