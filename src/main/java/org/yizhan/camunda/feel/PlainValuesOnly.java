package org.yizhan.camunda.feel;

import java.util.Collection;
import java.util.Date;
import java.util.Map;

import camundajar.impl.scala.Function1;
import camundajar.impl.scala.Option;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.valuemapper.CustomValueMapper;

/**
 * FEEL reads plain values only. FEEL has no reflection of its own, but its engine hands any other Java object to an
 * expression as a context whose getters can be read and whose public methods can be called ({@code a.getClass()}, and
 * from there anything): an object such as the date of {@code ${dateTime()}} or the stream of a file variable would be
 * a door to code execution. This mapper, asked before all others, lets through text, numbers, booleans, dates and
 * times, maps, lists and arrays of those (and FEEL's own values), and turns anything else into an error value that
 * FEEL can neither read nor call.
 *
 * <p>Camunda internals: a value mapper of the FEEL engine Camunda 7.24.0 ships (feel-scala 1.19, shaded Scala);
 * Scala's trait is implemented by hand, its {@code priority} included.
 */
final class PlainValuesOnly implements CustomValueMapper {

  static final PlainValuesOnly INSTANCE = new PlainValuesOnly();

  private PlainValuesOnly() {}

  @Override
  public Option<Val> toVal(Object value, Function1<Object, Val> innerValueMapper) {
    if (value == null || isPlain(value)) {
      return Option.empty(); // the other mappers map it as Camunda does
    }
    return Option.apply(ValError.apply("FEEL reads only plain values, not a " + value.getClass().getSimpleName()));
  }

  @Override
  public Option<Object> unpackVal(Val value, Function1<Val, Object> innerValueMapper) {
    return Option.empty();
  }

  @Override
  public int priority() {
    return Integer.MAX_VALUE;
  }

  @Override
  public void org$camunda$feel$valuemapper$CustomValueMapper$_setter_$priority_$eq(int priority) {
    // the priority is fixed above
  }

  static boolean isPlain(Object value) {
    String type = value.getClass().getName();
    return value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof Character || value instanceof Date || type.startsWith("java.time.")
        || value instanceof Map || value instanceof Collection || value.getClass().isArray()
        || value instanceof Val || type.startsWith("camundajar.impl.scala.");
  }
}
