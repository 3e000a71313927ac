package org.yizhan.platform.web;

/** The body of every refused API request: what is wrong, and which field, if one is. */
public record ApiError(String error, String field) {}
