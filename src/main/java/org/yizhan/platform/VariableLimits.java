package org.yizhan.platform;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.stereotype.Component;

/**
 * Refuses a text variable the database cannot store, whatever API writes it (task completion, form submission,
 * {@code PUT …/variables/x}, start variables, a delegate), with a {@link BadUserRequestException} that the REST APIs
 * answer with 400, before anything is written. Without it the database refuses the row when the command flushes, and
 * the client gets a 500.
 *
 * <p>Camunda keeps a text value in {@code TEXT_ varchar(4000)} and the name in {@code NAME_ varchar(255)}, in
 * ACT_RU_VARIABLE, ACT_HI_VARINST and ACT_HI_DETAIL alike (H2 and PostgreSQL create scripts of camunda-engine 7.24.0),
 * and PostgreSQL refuses text holding a NUL character. Every text value passes through the string serializer's
 * {@code writeValue} when it is set ({@code VariableInstanceEntity.setValue} → {@code TypedValueField.setValue}, not at
 * flush), with the variable's name at hand; so a serializer of the same name placed before Camunda's (the
 * {@code customPreVariableSerializers} hook; the first match of a primitive type wins) sees every one of them. It
 * reads values exactly as Camunda's does. Verified against Camunda 7.24.0.
 *
 * <p>Lengths count UTF-16 units, as Java, H2 and form-js do; PostgreSQL counts code points, never more, so a value
 * allowed here fits both.
 */
@Component
class VariableLimits extends AbstractProcessEnginePlugin {

  static final int MAX_TEXT = 4000;
  static final int MAX_NAME = 255;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<TypedValueSerializer> first = new ArrayList<>();
    first.add(new LimitedText());
    if (configuration.getCustomPreVariableSerializers() != null) {
      first.addAll(configuration.getCustomPreVariableSerializers());
    }
    configuration.setCustomPreVariableSerializers(first);
  }

  /** Camunda's string serializer that first checks what the database will take. */
  static class LimitedText extends StringValueSerializer {

    @Override
    public void writeValue(StringValue value, ValueFields fields) {
      // A transient value is never stored (Camunda's REST API and our services hand over request data that way).
      if (!value.isTransient()) {
        check(fields.getName(), value.getValue());
      }
      super.writeValue(value, fields);
    }
  }

  static void check(String name, String text) {
    if (name != null && name.length() > MAX_NAME) {
      throw new BadUserRequestException("变量名最多 " + MAX_NAME + " 个字符 (a variable name may be at most " + MAX_NAME
          + " characters)");
    }
    if (name != null && name.indexOf('\0') >= 0) {
      throw new BadUserRequestException("变量名不能含 NUL 字符 (a variable name must not contain the NUL character)");
    }
    if (text == null) {
      return;
    }
    if (text.length() > MAX_TEXT) {
      throw new BadUserRequestException(name + " 最多 " + MAX_TEXT + " 个字 (may be at most " + MAX_TEXT
          + " characters; this one has " + text.length() + ")");
    }
    if (text.indexOf('\0') >= 0) {
      throw new BadUserRequestException(name + " 不能含 NUL 字符 (must not contain the NUL character)");
    }
  }
}
