package org.yizhan.platform.backup;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the online backups of the embedded database go ({@code yizhan.backup.dir}, relative to the working directory
 * unless absolute). Configured by the operator only: a request never names a path, so nobody can make the station
 * write a file elsewhere.
 */
@ConfigurationProperties("yizhan.backup")
public record BackupProperties(@DefaultValue("backups") Path dir) {}
