package org.yizhan.platform.backup;

/** A backup that is not taken, with a message for the administrator (Chinese first) saying what to do instead. */
public class BackupRefused extends RuntimeException {

  public BackupRefused(String message) {
    super(message);
  }
}
