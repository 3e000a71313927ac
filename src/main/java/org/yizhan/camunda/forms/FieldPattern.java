package org.yizhan.camunda.forms;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A field's {@code validate.pattern}, as a manager writes it in Modeler: a JavaScript regular expression that form-js
 * looks for anywhere in the value ({@code new RegExp(pattern).test(value)}). Java reads the same syntax for what forms
 * use; a pattern Java cannot read is left out (logged), the other rules and the database limits still apply.
 *
 * <p>Managers write the patterns but anybody sends the values, and a pattern such as {@code ^(a+)+$} backtracks
 * exponentially on some values; so the value is read through a view that gives up after {@link #MILLIS}, and a value
 * that cannot be checked in that time is refused. Values are at most 4000 characters (VariableLimits).
 */
final class FieldPattern {

  private static final Logger LOG = LoggerFactory.getLogger(FieldPattern.class);
  static final long MILLIS = 200;

  private final Pattern pattern;

  private FieldPattern(Pattern pattern) {
    this.pattern = pattern;
  }

  static Optional<FieldPattern> of(String regex, String fieldKey) {
    if (regex.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new FieldPattern(Pattern.compile(regex)));
    } catch (PatternSyntaxException unreadable) {
      LOG.warn("Form field {} has a pattern Java cannot read, not checked: {}", fieldKey, unreadable.getMessage());
      return Optional.empty();
    }
  }

  /** Whether the pattern is found in the text in time. */
  boolean isFoundIn(String text) {
    long deadline = System.nanoTime() + MILLIS * 1_000_000;
    try {
      return pattern.matcher(new Deadlined(text, deadline)).find();
    } catch (TooSlow tooSlow) {
      LOG.warn("The pattern {} took longer than {} ms on a value; refused", pattern, MILLIS);
      return false;
    }
  }

  @Override
  public String toString() {
    return pattern.pattern();
  }

  private record Deadlined(String text, long deadline) implements CharSequence {
    @Override
    public char charAt(int index) {
      if (System.nanoTime() > deadline) {
        throw new TooSlow();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Deadlined(text.substring(start, end), deadline);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static final class TooSlow extends RuntimeException {
    TooSlow() {
      super(null, null, false, false);
    }
  }
}
