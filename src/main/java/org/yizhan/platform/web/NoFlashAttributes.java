package org.yizhan.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;

/**
 * Spring MVC's flash attributes, switched off. Its default manager keeps them in the session and looks for them on
 * every request that carries a session cookie: with shared sessions that read the session row and wrote its last-used
 * time for every file and page a signed-in browser fetched ({@code /order.html}, Camunda's fonts and libraries). The
 * station redirects with no flash attributes, so there is nothing to look for. Spring Boot's own manager steps back
 * for a bean of this name.
 */
@Component(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
class NoFlashAttributes implements FlashMapManager {

  @Override
  public FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
    return null;
  }

  @Override
  public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
    // Nothing is kept: no flash attributes are used.
  }
}
