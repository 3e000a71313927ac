package org.yizhan.platform.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.UploadContext;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yizhan.platform.web.CachedBodyRequest;
import org.yizhan.platform.web.EngineStyleError;

/**
 * Puts deployments from Camunda Modeler's Deploy button ({@code POST /engine-rest/deployment/create}, multipart)
 * through the same {@link ModelGate} as processes/: a refused model answers 400 with the reasons, which Modeler shows.
 * Callers who may not deploy at all are left to the engine, which answers 403.
 */
public class ModelerDeploymentGate extends OncePerRequestFilter {

  private static final Pattern DEPLOY = Pattern.compile("/engine-rest(?:/engine/[^/]+)?/deployment/create");
  private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private final ModelGate gate;
  private final IdentityService identity;
  private final AuthorizationService authorizations;

  public ModelerDeploymentGate(ModelGate gate, IdentityService identity, AuthorizationService authorizations) {
    this.gate = gate;
    this.identity = identity;
    this.authorizations = authorizations;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"POST".equals(request.getMethod()) || !DEPLOY.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      EngineStyleError.badRequest(response, "A deployment may be at most " + MAX_BODY_BYTES / 1024 / 1024 + " MB");
      return;
    }
    if (mayDeploy()) {
      Map<String, byte[]> models;
      try {
        models = models(request, body);
      } catch (FileUploadException unreadable) {
        EngineStyleError.badRequest(response, "Send the deployment as multipart/form-data, as Modeler does");
        return;
      }
      Map<String, java.util.List<String>> problems = gate.check(models);
      if (!problems.isEmpty()) {
        EngineStyleError.badRequest(response, "The station refused the deployment; nothing was deployed. "
            + problems.entrySet().stream()
                .map(file -> file.getKey() + ": " + String.join("; ", file.getValue()))
                .collect(Collectors.joining(" | ")));
        return;
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private boolean mayDeploy() {
    Authentication caller = identity.getCurrentAuthentication();
    return caller != null && authorizations.isUserAuthorized(caller.getUserId(), caller.getGroupIds(),
        Permissions.CREATE, Resources.DEPLOYMENT);
  }

  private static Map<String, byte[]> models(HttpServletRequest request, byte[] body)
      throws FileUploadException, IOException {
    Map<String, byte[]> models = new TreeMap<>();
    FileItemIterator items = new FileUpload().getItemIterator(new Body(request, body));
    while (items.hasNext()) {
      FileItemStream item = items.next();
      String name = item.getName() != null ? item.getName() : item.getFieldName();
      String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
      try (InputStream content = item.openStream()) {
        byte[] bytes = content.readAllBytes();
        if (!item.isFormField() && (lower.endsWith(".bpmn") || lower.endsWith(".dmn") || lower.endsWith(".form"))) {
          models.put(name, bytes);
        }
      }
    }
    return models;
  }

  /** The already-read body, as commons-fileupload wants to see a request. */
  private record Body(HttpServletRequest request, byte[] bytes) implements UploadContext {

    @Override
    public String getCharacterEncoding() {
      return request.getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : request.getCharacterEncoding();
    }

    @Override
    public String getContentType() {
      return request.getContentType();
    }

    @Override
    @Deprecated
    public int getContentLength() {
      return bytes.length;
    }

    @Override
    public long contentLength() {
      return bytes.length;
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(bytes);
    }
  }
}
