package org.yizhan.platform.web;

import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.yizhan.platform.RequestRefusedException;

/** Turns every refusal into a 4xx {@link ApiError}; an unexpected failure is logged and answered without details. */
@RestControllerAdvice
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> refused(ApiException e) {
    return ResponseEntity.status(e.status()).body(new ApiError(e.getMessage(), e.field()));
  }

  /** Every capability's refusal of what it was asked (an unknown resident, an item that cannot be ordered, …). */
  @ExceptionHandler(RequestRefusedException.class)
  ResponseEntity<ApiError> refusedByTheStation(RequestRefusedException e) {
    return badRequest(e.getMessage(), e.field());
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
    var fieldError = e.getBindingResult().getFieldError();
    if (fieldError == null) {
      return badRequest("The request is not valid", null);
    }
    return badRequest("'" + fieldError.getField() + "' " + fieldError.getDefaultMessage(), fieldError.getField());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      return badRequest("'" + field + "' is not a field of this request; check its spelling", field);
    }
    if (e.getCause() instanceof InvalidFormatException format) {
      String field = path(format);
      return badRequest("'" + field + "' cannot be " + quoted(format.getValue()) + expected(format.getTargetType()), field);
    }
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      return badRequest("'" + field + "' has the wrong type of value", field);
    }
    return badRequest("The request body must be a JSON object as described in the API (the body is missing or is "
        + "not valid JSON)", null);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
    return badRequest("'" + e.getName() + "' cannot be " + quoted(e.getValue()), e.getName());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    return badRequest("The query parameter '" + e.getParameterName() + "' is required", e.getParameterName());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(new ApiError("Send the request body as JSON (Content-Type: application/json)", null));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .body(new ApiError(e.getMethod() + " is not supported here; use " + e.getSupportedHttpMethods(), null));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError("There is nothing at /" + e.getResourcePath(), null));
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<ApiError> notAllowed(AuthorizationException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(new ApiError("Your account may not do this; ask a station manager (" + e.getMessage() + ")", null));
  }

  /**
   * The engine refusing what a request carried, when our own checks let it through: a value the database cannot hold
   * (camunda/variables/VariableLimits), say a NUL character in a cancellation's reason. The engine has written nothing.
   */
  @ExceptionHandler(BadUserRequestException.class)
  ResponseEntity<ApiError> refusedByTheEngine(BadUserRequestException e) {
    return badRequest(e.getMessage(), null);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    log.error("Unexpected failure in the API", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(new ApiError("Something went wrong on the station's side; nothing was changed. Try again or call the "
            + "operator", null));
  }

  private static ResponseEntity<ApiError> badRequest(String message, String field) {
    return ResponseEntity.badRequest().body(new ApiError(message, field));
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining()).replaceFirst("^\\.", "");
  }

  private static String quoted(Object value) {
    return value == null ? "empty" : "\"" + value + "\"";
  }

  private static String expected(Class<?> type) {
    if (type.isEnum()) {
      var names = java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
      return "; use one of " + names;
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "; it must be a whole number";
    }
    return "";
  }
}
