package org.yizhan.camunda.variables;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.BooleanValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ByteArrayValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.DateValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.DoubleValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.FileValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.IntegerValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.LongValueSerlializer;
import org.camunda.bpm.engine.impl.variable.serializer.NullValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ShortValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.impl.value.NullValueImpl;
import org.camunda.bpm.engine.variable.value.BooleanValue;
import org.camunda.bpm.engine.variable.value.BytesValue;
import org.camunda.bpm.engine.variable.value.DateValue;
import org.camunda.bpm.engine.variable.value.DoubleValue;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.IntegerValue;
import org.camunda.bpm.engine.variable.value.LongValue;
import org.camunda.bpm.engine.variable.value.ShortValue;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Refuses a text variable the database cannot store, whatever API writes it (task completion, form submission,
 * {@code PUT …/variables/x}, start variables, a delegate), with a {@link BadUserRequestException} that the REST APIs
 * answer with 400, before anything is written. Without it the database refuses the row when the command flushes, and
 * the client gets a 500.
 *
 * <p>Camunda keeps a text value in {@code TEXT_ varchar(4000)} and the name in {@code NAME_ varchar(255)}, in
 * ACT_RU_VARIABLE, ACT_HI_VARINST and ACT_HI_DETAIL alike (H2 and PostgreSQL create scripts of camunda-engine 7.24.0),
 * and PostgreSQL refuses text holding a NUL character. Every value passes through its serializer's {@code writeValue}
 * when it is set ({@code VariableInstanceEntity.setValue} → {@code TypedValueField.setValue}, not at flush), with the
 * variable's name at hand; so serializers of the same names placed before Camunda's (the
 * {@code customPreVariableSerializers} hook; the first serializer of a primitive type that can handle a value wins)
 * see every one of them. They are Camunda's own with a check in front, and read values exactly as Camunda does.
 * Verified against Camunda 7.24.0; the serializer classes are engine internals, kept in this class.
 *
 * <p>Lengths count UTF-16 units, as Java, H2 and form-js do; PostgreSQL counts code points, never more, so a value
 * allowed here fits both.
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.variable-limits", havingValue = "true", matchIfMissing = true)
class VariableLimits extends AbstractProcessEnginePlugin {

  static final int MAX_TEXT = 4000;
  static final int MAX_NAME = 255;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<TypedValueSerializer> first = new ArrayList<>();
    first.add(new LimitedText());
    first.addAll(namesChecked());
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
      checkUnlessTransient(value, fields.getName(), value.getValue());
      super.writeValue(value, fields);
    }
  }

  /**
   * Camunda's serializers of the other kinds of value that are kept in a row of their own, with the name (and a
   * file's name, kept in TEXT_) checked first; in the order Camunda registers them. Values Camunda serializes into
   * bytes (objects, JSON) have no text column to outgrow.
   */
  private static List<TypedValueSerializer<?>> namesChecked() {
    return List.of(
        new NullValueSerializer() {
          @Override
          public void writeValue(NullValueImpl value, ValueFields fields) {
            checkUnlessTransient(value, fields.getName(), null);
            super.writeValue(value, fields);
          }
        },
        new BooleanValueSerializer() {
          @Override
          public void writeValue(BooleanValue value, ValueFields fields) {
            checkUnlessTransient(value, fields.getName(), null);
            super.writeValue(value, fields);
          }
        },
        new ShortValueSerializer() {
          @Override
          public void writeValue(ShortValue value, ValueFields fields) {
            checkUnlessTransient(value, fields.getName(), null);
            super.writeValue(value, fields);
          }
        },
        new IntegerValueSerializer() {
          @Override
          public void writeValue(IntegerValue value, ValueFields fields) {
            checkUnlessTransient(value, fields.getName(), null);
            super.writeValue(value, fields);
          }
        },
        new LongValueSerlializer() {
          @Override
          public void writeValue(LongValue value, ValueFields fields) {
            checkUnlessTransient(value, fields.getName(), null);
            super.writeValue(value, fields);
          }
        },
        new DateValueSerializer() {
          @Override
          public void writeValue(DateValue value, ValueFields fields) {
            checkUnlessTransient(value, fields.getName(), null);
            super.writeValue(value, fields);
          }
        },
        new DoubleValueSerializer() {
          @Override
          public void writeValue(DoubleValue value, ValueFields fields) {
            checkUnlessTransient(value, fields.getName(), null);
            super.writeValue(value, fields);
          }
        },
        new ByteArrayValueSerializer() {
          @Override
          public void writeValue(BytesValue value, ValueFields fields) {
            checkUnlessTransient(value, fields.getName(), null);
            super.writeValue(value, fields);
          }
        },
        new FileValueSerializer() {
          @Override
          public void writeValue(FileValue value, ValueFields fields) {
            checkUnlessTransient(value, fields.getName(), value.getFilename());
            super.writeValue(value, fields);
          }
        });
  }

  private static void checkUnlessTransient(TypedValue value, String name, String text) {
    if (!value.isTransient()) {
      check(name, text);
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
