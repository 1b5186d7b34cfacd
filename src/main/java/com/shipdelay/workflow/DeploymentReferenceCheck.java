package com.shipdelay.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * Whether a new deployment carries the forms and decisions its processes reference.
 *
 * <p>Why: Camunda Modeler deploys the open diagram alone unless the admin attaches other files, and
 * the engine accepts a process whose {@code camunda:formRef} (or {@code camunda:decisionRef}) is
 * bound to its own deployment while that deployment has no such form. Every report started on that
 * version then shows "Form failure" in Tasklist, long after the deploy. Refusing the deployment
 * instead tells the admin at once what to attach.
 *
 * <p>Rules: binding {@code deployment} needs the form/decision in the same deployment; any other
 * binding ({@code latest}, {@code version}, {@code versionTag}) needs it in the deployment or
 * already deployed. References given by an expression are resolved at run time and not checked.
 * This class knows nothing of the engine's internals; {@link DeploymentCheckEngineAdapter} feeds
 * it.
 */
final class DeploymentReferenceCheck {

  enum Kind {
    FORM("表单"),
    DECISION("决策");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** A model element's reference, e.g. a user task's {@code camunda:formRef}. */
  record Reference(
      String elementId, String elementType, Kind kind, String targetId, String binding) {

    boolean isExpression() {
      return targetId.contains("${") || targetId.contains("#{");
    }
  }

  /** Definitions deployed before this deployment, looked up by key. */
  interface Deployed {
    boolean contains(Kind kind, String key);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, String> ELEMENT_TYPES =
      Map.of("userTask", "用户任务", "startEvent", "开始事件", "businessRuleTask", "业务规则任务");

  private final Map<Kind, Set<String>> inDeployment = new EnumMap<>(Kind.class);

  /** Reads the form ids ({@code .form}: top-level {@code id}) and decision ids ({@code .dmn}). */
  DeploymentReferenceCheck(Map<String, byte[]> resources) {
    inDeployment.put(Kind.FORM, new HashSet<>());
    inDeployment.put(Kind.DECISION, new HashSet<>());
    resources.forEach(
        (name, bytes) -> {
          try {
            if (name.endsWith(".form")) {
              String id = JSON.readTree(bytes).path("id").asText("");
              inDeployment.get(Kind.FORM).add(id);
            } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
              Dmn.readModelFromStream(new ByteArrayInputStream(bytes))
                  .getModelElementsByType(Decision.class)
                  .forEach(d -> inDeployment.get(Kind.DECISION).add(d.getId()));
            }
          } catch (Exception unreadable) {
            // the engine's own deployer refuses a malformed form or DMN with its own message
          }
        });
  }

  /** The references that do not resolve, in model order. */
  List<Reference> unresolved(List<Reference> references, Deployed deployed) {
    return references.stream()
        .filter(r -> !r.isExpression())
        .filter(r -> !inDeployment.get(r.kind()).contains(r.targetId()))
        .filter(r -> "deployment".equals(r.binding()) || !deployed.contains(r.kind(), r.targetId()))
        .toList();
  }

  /** The refusal, in Simplified Chinese, naming each element and what it misses. */
  static String message(List<Reference> unresolved) {
    String each =
        unresolved.stream()
            .map(
                r ->
                    "%s %s 引用的%s %s（绑定 %s）%s"
                        .formatted(
                            ELEMENT_TYPES.getOrDefault(r.elementType(), r.elementType()),
                            r.elementId(),
                            r.kind().label,
                            r.targetId(),
                            r.binding(),
                            "deployment".equals(r.binding()) ? "不在本次部署中" : "既不在本次部署中，也未曾部署"))
            .collect(Collectors.joining("；"));
    return "部署被拒绝，未部署任何文件："
        + each
        + "。请把所引用的表单（.form）、决策（.dmn）文件与流程放在同一次部署中；"
        + "在 Camunda Modeler 中部署时，将它们作为附加文件（如 forms/ReviewReport.form）一并上传。";
  }

  /** The refusal of a report-type table that names what the API does not accept. */
  static String typeRulesMessage(String resource, List<String> problems) {
    return "部署被拒绝，未部署任何文件：报备类型规则 "
        + resource
        + " 有误："
        + String.join("；", problems)
        + "。请在 Camunda Modeler 中改正后重新部署；正在运行和新提交的报备仍使用当前版本。";
  }
}
