package com.shipdelay.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Order numbers and product ids are strings of digits: a JSON number would already have lost digits
 * in a JavaScript client, so a number sent for any text field is refused, not coerced. A {@code
 * null} inside a list ({@code "orderIds":["1",null]}) is refused too (400 {@code
 * VALIDATION_FAILED}), and so is a time outside {@link Times} (400 {@code DATE_OUT_OF_RANGE}) and a
 * key given twice (400 {@code MALFORMED_REQUEST}).
 */
@Configuration
class JsonConfig {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer numbersAreNotText() {
    return builder ->
        builder
            .deserializerByType(String.class, new NoNulStrings())
            // a key given twice is ambiguous (and, for a record, a failure inside the parser)
            .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .postConfigurer(
                mapper -> {
                  mapper
                      .coercionConfigFor(LogicalType.Textual)
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                  mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
                });
  }

  /** Registered by Spring Boot with the other modules (as a bean, so none of them is replaced). */
  @Bean
  Module timesInRange() {
    return new SimpleModule("times-in-range")
        .setDeserializerModifier(
            new BeanDeserializerModifier() {
              @Override
              public JsonDeserializer<?> modifyDeserializer(
                  DeserializationConfig config,
                  BeanDescription description,
                  JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                return type == OffsetDateTime.class
                        || type == Instant.class
                        || type == ZonedDateTime.class
                    ? new InRange(deserializer)
                    : deserializer;
              }
            });
  }

  /** A time outside {@link Times}: the JSON path says which field. */
  static final class DateOutOfRangeException extends JsonMappingException {
    DateOutOfRangeException(JsonParser parser, String message) {
      super(parser, message);
    }
  }

  /** The usual time deserializer, then the range check. */
  static final class InRange extends DelegatingDeserializer {
    InRange(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new InRange(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      Object value = super.deserialize(parser, context);
      Instant instant =
          value instanceof OffsetDateTime o
              ? o.toInstant()
              : value instanceof ZonedDateTime z
                  ? z.toInstant()
                  : value instanceof Instant i ? i : null;
      if (instant != null && !Times.inRange(instant)) {
        throw new DateOutOfRangeException(parser, "time out of range");
      }
      return value;
    }
  }

  /** PostgreSQL text cannot hold NUL: refuse it as bad input rather than fail on insert. */
  static final class NoNulStrings extends StdScalarDeserializer<String> {
    NoNulStrings() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws java.io.IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (value != null && value.indexOf('\u0000') >= 0) {
        throw context.weirdStringException(value, String.class, "contains a NUL character");
      }
      return value;
    }
  }
}
