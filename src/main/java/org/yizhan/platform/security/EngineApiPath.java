package org.yizhan.platform.security;

import java.util.Optional;

/**
 * Where a request path meets the engine's REST API, which Yizhan serves three ways: {@code /engine-rest/...},
 * its alias {@code /engine-rest/engine/{name}/...}, and the webapps' copy {@code /camunda/api/engine/engine/{name}/...}.
 * The rules for the engine API (trailing slashes, who may call what) are written once, against the path relative to
 * the engine ({@code /task/{id}/claim}), and apply to every copy.
 *
 * @param webapp   whether the request came through the webapps' copy (signed in with the webapp session)
 * @param engine   the engine's name in the path, or {@code null} for the path without one ({@code /engine-rest/task})
 * @param relative the path below the engine, starting with {@code /}; {@code /engine} for the list of engines
 */
record EngineApiPath(boolean webapp, String engine, String relative) {

  static final String ENGINE_REST = "/engine-rest";
  static final String WEBAPP_ENGINE_API = "/camunda/api/engine";
  /** The list of engines, which every page of the webapps asks for, before and after signing in. */
  static final String ENGINE_LIST = "/engine";

  /** The engine API path of a request path (without the context path), if it is one. */
  static Optional<EngineApiPath> of(String path) {
    if (path.equals(ENGINE_REST) || path.startsWith(ENGINE_REST + "/")) {
      return Optional.of(below(false, path.substring(ENGINE_REST.length())));
    }
    if (path.equals(WEBAPP_ENGINE_API) || path.startsWith(WEBAPP_ENGINE_API + "/")) {
      return Optional.of(below(true, path.substring(WEBAPP_ENGINE_API.length())));
    }
    return Optional.empty();
  }

  /** Whether this is the list of engines, which names engines and nothing else. */
  boolean isEngineList() {
    return engine == null && ENGINE_LIST.equals(relative);
  }

  private static EngineApiPath below(boolean webapp, String rest) {
    // The webapps' copy always names the engine; /engine-rest may.
    if (rest.equals(ENGINE_LIST) || rest.equals(ENGINE_LIST + "/")) {
      return new EngineApiPath(webapp, null, ENGINE_LIST);
    }
    if (rest.startsWith(ENGINE_LIST + "/")) {
      String named = rest.substring(ENGINE_LIST.length() + 1);
      int slash = named.indexOf('/');
      String engine = slash < 0 ? named : named.substring(0, slash);
      String relative = slash < 0 ? "/" : named.substring(slash);
      return new EngineApiPath(webapp, engine, relative);
    }
    return new EngineApiPath(webapp, null, rest.isEmpty() ? "/" : rest);
  }
}
