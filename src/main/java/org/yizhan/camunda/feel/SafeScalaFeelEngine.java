package org.yizhan.camunda.feel;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.feel.valuemapper.CustomValueMapper;

/**
 * Camunda's Scala FEEL engine with {@link PlainValuesOnly} before Camunda's own value mappers: the engine the station
 * evaluates every FEEL expression with, in decision tables and in the forms' rules. External functions stay off, as
 * in Camunda's engine.
 */
public class SafeScalaFeelEngine extends ScalaFeelEngine {

  public SafeScalaFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
  }

  /** Called by Camunda's constructor, before this class's own fields exist: it may only use static state. */
  @Override
  protected camundajar.impl.scala.collection.immutable.List<CustomValueMapper> getValueMappers() {
    List<CustomValueMapper> mappers = new ArrayList<>();
    mappers.add(PlainValuesOnly.INSTANCE);
    camundajar.impl.scala.collection.Iterator<CustomValueMapper> camundas = super.getValueMappers().iterator();
    while (camundas.hasNext()) {
      mappers.add(camundas.next());
    }
    return toList(mappers);
  }
}
