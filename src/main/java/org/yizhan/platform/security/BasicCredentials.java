package org.yizhan.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The user name and password of an HTTP Basic {@code Authorization} header, as sent (nothing is checked here). */
record BasicCredentials(String user, String password) {

  static boolean isBasic(String header) {
    return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /** The credentials, if the header is Basic and readable; a password is null when the colon is missing. */
  static Optional<BasicCredentials> of(String header) {
    if (!isBasic(header)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return Optional.of(colon < 0 ? new BasicCredentials(decoded, null)
        : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }
}
