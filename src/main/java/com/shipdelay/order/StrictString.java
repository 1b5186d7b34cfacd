package com.shipdelay.order;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Refuses a JSON number where a string of digits (order number, product id, region code) is
 * expected: a number may already have lost digits on the way. The project's Jackson setting does
 * not cover plain {@code String} properties, which would otherwise take {@code 123} as "123".
 */
final class StrictString extends StdDeserializer<String> {

  StrictString() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.hasToken(JsonToken.VALUE_STRING)) {
      return p.getText();
    }
    return (String) ctxt.handleUnexpectedToken(String.class, p);
  }
}
