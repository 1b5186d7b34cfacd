package com.shipdelay.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Order numbers and product ids are strings of digits: a JSON number would already have lost digits
 * in a JavaScript client, so a number sent for any text field is refused, not coerced.
 */
@Configuration
class JsonConfig {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer numbersAreNotText() {
    return builder ->
        builder
            .deserializerByType(String.class, new NoNulStrings())
            .postConfigurer(
                mapper ->
                    mapper
                        .coercionConfigFor(LogicalType.Textual)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
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
