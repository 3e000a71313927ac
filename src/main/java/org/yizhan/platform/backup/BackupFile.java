package org.yizhan.platform.backup;

import java.time.OffsetDateTime;

/** A backup that was written: its file name in the backup directory, its size in bytes, and when it was taken. */
public record BackupFile(String file, long bytes, OffsetDateTime takenAt) {}
