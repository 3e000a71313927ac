package org.yizhan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.StationTest;

/**
 * A webapp page's scripts carry the nonce of its own Content-Security-Policy header, also when many pages are served
 * at once (RequestScopedCspNonce). A page whose nonce is another request's stays blank in the browser.
 */
@StationTest
class WebappPageNonceIT {

  private static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");
  private static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

  @LocalServerPort int port;

  @Test
  void everyPageServedAtTheSameTimeCarriesTheNonceOfItsOwnHeader() throws Exception {
    List<String> apps = List.of("tasklist", "cockpit", "admin", "welcome");
    ExecutorService browsers = Executors.newFixedThreadPool(12);
    try {
      List<Future<String>> pages = new ArrayList<>();
      for (int i = 0; i < 240; i++) {
        String app = apps.get(i % apps.size());
        pages.add(browsers.submit((Callable<String>) () -> mismatch(app)));
      }
      List<String> mismatches = new ArrayList<>();
      for (Future<String> page : pages) {
        if (page.get() != null) {
          mismatches.add(page.get());
        }
      }
      assertThat(mismatches).as("pages whose scripts carry another request's nonce").isEmpty();
    } finally {
      browsers.shutdownNow();
    }
  }

  /** Null when the page's nonces are its header's; otherwise what differs. */
  private String mismatch(String app) {
    Response page = StationHttp.anonymous(port).get("/camunda/app/" + app + "/default/");
    assertThat(page.status()).as(app).isEqualTo(200);
    Matcher header = HEADER_NONCE.matcher(String.valueOf(page.header("Content-Security-Policy")));
    assertThat(header.find()).as("nonce in the header of " + app).isTrue();
    Matcher scripts = PAGE_NONCE.matcher(page.text());
    int stamped = 0;
    while (scripts.find()) {
      stamped++;
      if (!scripts.group(1).equals(header.group(1))) {
        return app + ": header " + header.group(1) + ", script " + scripts.group(1);
      }
    }
    return stamped == 0 ? app + ": no script carries a nonce" : null;
  }
}
