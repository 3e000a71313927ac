package org.yizhan.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with a message the person who sent it can act on and, where one field is at fault,
 * that field's path ({@code items[1].quantity}).
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String field;

  public ApiException(HttpStatus status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiException badInput(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, field, message);
  }

  public static ApiException notFound(String field, String message) {
    return new ApiException(HttpStatus.NOT_FOUND, field, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, null, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, null, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String field() {
    return field;
  }
}
