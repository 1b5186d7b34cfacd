package com.shipdelay.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What a review completion may carry: {@code decision} and {@code comment}, as strings, in the
 * engine REST API's completion body, and nothing else.
 */
final class ReviewCompletion {

  static final Set<String> ALLOWED_VARIABLES = Set.of(ProcessIds.DECISION, ProcessIds.COMMENT);
  private static final Set<String> ALLOWED_FIELDS = Set.of("variables", "withVariablesInReturn");
  private static final Set<String> VARIABLE_FIELDS = Set.of("value", "type", "valueInfo");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReviewCompletion() {}

  /** What is wrong with a completion body, or null when it carries only a decision and comment. */
  static String problem(byte[] body) {
    if (body.length == 0) {
      return null; // no variables: the completion listener refuses the missing decision
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return "请求体不是合法的 JSON";
    }
    if (root == null || root.isNull()) {
      return null;
    }
    if (!root.isObject()) {
      return "请求体必须是 JSON 对象";
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!ALLOWED_FIELDS.contains(field)) {
        return "审核结论不接受字段 " + field;
      }
    }
    JsonNode variables = root.path("variables");
    if (variables.isMissingNode() || variables.isNull()) {
      return null;
    }
    if (!variables.isObject()) {
      return "variables 必须是 JSON 对象";
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> variable = it.next();
      if (!ALLOWED_VARIABLES.contains(variable.getKey())) {
        return "审核结论只能包含 decision 和 comment，不接受变量 " + variable.getKey();
      }
      String wrong = checkValue(variable.getKey(), variable.getValue());
      if (wrong != null) {
        return wrong;
      }
    }
    return null;
  }

  private static String checkValue(String name, JsonNode variable) {
    if (!variable.isObject()) {
      return name + " 的格式不正确";
    }
    for (Iterator<String> it = variable.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!VARIABLE_FIELDS.contains(field)) {
        return name + " 不接受属性 " + field;
      }
    }
    JsonNode type = variable.path("type");
    if (!type.isMissingNode() && !type.isNull() && !"string".equalsIgnoreCase(type.asText())) {
      return name + " 必须是字符串 (String)";
    }
    JsonNode info = variable.path("valueInfo");
    if (!info.isMissingNode() && !info.isNull() && !(info.isObject() && info.isEmpty())) {
      return name + " 不接受 valueInfo";
    }
    JsonNode value = variable.path("value");
    if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
      return name + " 必须是字符串";
    }
    if (value.isTextual() && value.asText().indexOf('\u0000') >= 0) {
      return name + " 不能包含 NUL 字符";
    }
    return null;
  }
}
