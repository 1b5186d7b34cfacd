package com.shipdelay.workflow;

import com.shipdelay.validation.TypePolicies;
import com.shipdelay.validation.TypeRulesCheck;
import com.shipdelay.workflow.DeploymentReferenceCheck.Kind;
import com.shipdelay.workflow.DeploymentReferenceCheck.Reference;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Adapter: the one place that touches the engine's internal API ({@code org.camunda.bpm.engine
 * .impl}), so that {@link DeploymentReferenceCheck} can refuse a deployment whose process misses
 * its form or decision (why: see there). The starter registers every {@link ProcessEnginePlugin}
 * bean; this one adds itself as a post-parse listener, collects each process's form and decision
 * references, and throws a {@link BpmnParseException}. The engine turns that into the deployment's
 * {@code ParseException}: the transaction rolls back, nothing is deployed, and {@code
 * /engine-rest/deployment/create} answers 400 with the message (Modeler shows it in its log).
 *
 * <p>It also runs before the engine's own deployers on every deployment and refuses a report-type
 * table ({@code .dmn}) that {@link TypeRulesCheck} finds wrong (an evidence kind the API does not
 * know), with the engine's {@link ParseException}, so the answer has the same shape.
 *
 * <p>Only new deployments are checked. The engine also re-parses stored deployments when its cache
 * misses; refusing one of those would break the running instances of a version already deployed.
 */
@Component
class DeploymentCheckEngineAdapter extends AbstractBpmnParseListener
    implements ProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(this);
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(this::checkTypeRules);
  }

  /** A pre-deployer: runs before anything of the deployment is parsed into the cache. */
  private void checkTypeRules(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    deployment
        .getResources()
        .forEach(
            (name, resource) -> {
              if (!name.endsWith(".dmn") && !name.endsWith(".dmn11.xml")) {
                return;
              }
              List<String> problems;
              try {
                problems = TypeRulesCheck.problems(new ByteArrayInputStream(resource.getBytes()));
              } catch (RuntimeException unreadable) {
                return; // the engine's own DMN deployer refuses a malformed file with its message
              }
              if (!problems.isEmpty()) {
                String message = DeploymentReferenceCheck.typeRulesMessage(name, problems);
                throw new ParseException(
                    message, name, List.of(new DmnProblem(message)), List.of());
              }
            });
  }

  /** The engine's problem shape for a whole file: a DMN has no element the message could name. */
  private record DmnProblem(String message) implements Problem {
    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public int getLine() {
      return -1;
    }

    @Override
    public int getColumn() {
      return -1;
    }

    @Override
    public String getMainElementId() {
      return TypePolicies.DECISION_KEY;
    }

    @Override
    public List<String> getElementIds() {
      return List.of(TypePolicies.DECISION_KEY);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {}

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {}

  /** Called once a process is parsed, before anything of its deployment is written. */
  @Override
  public void parseProcess(Element process, ProcessDefinitionEntity definition) {
    var commandContext = Context.getCommandContext();
    DeploymentEntity deployment =
        commandContext
            .getDbEntityManager()
            .getCachedEntity(DeploymentEntity.class, definition.getDeploymentId());
    if (deployment == null || !deployment.isNew()) {
      return;
    }
    Map<Reference, Element> references = new LinkedHashMap<>();
    collect(process, references);
    if (references.isEmpty()) {
      return;
    }
    Map<String, byte[]> files = new HashMap<>();
    deployment.getResources().forEach((name, resource) -> files.put(name, resource.getBytes()));
    String tenantId = deployment.getTenantId();
    List<Reference> unresolved =
        new DeploymentReferenceCheck(files)
            .unresolved(
                List.copyOf(references.keySet()),
                (kind, key) ->
                    (kind == Kind.FORM
                            ? commandContext
                                .getCamundaFormDefinitionManager()
                                .findLatestDefinitionByKeyAndTenantId(key, tenantId)
                            : commandContext
                                .getDecisionDefinitionManager()
                                .findLatestDefinitionByKeyAndTenantId(key, tenantId))
                        != null);
    if (!unresolved.isEmpty()) {
      throw new BpmnParseException(
          DeploymentReferenceCheck.message(unresolved), references.get(unresolved.get(0)));
    }
  }

  /** User tasks and start events (formRef), business rule tasks (decisionRef), at any depth. */
  private static void collect(Element element, Map<Reference, Element> references) {
    for (Element child : element.elements()) {
      String type = child.getTagName();
      switch (type) {
        case "userTask", "startEvent" -> add(child, Kind.FORM, "formRef", references);
        case "businessRuleTask" -> add(child, Kind.DECISION, "decisionRef", references);
        default -> {}
      }
      collect(child, references);
    }
  }

  private static void add(
      Element element, Kind kind, String attribute, Map<Reference, Element> references) {
    String target = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, attribute);
    if (target == null || target.isBlank()) {
      return;
    }
    String binding =
        element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, attribute + "Binding", "latest");
    references.put(
        new Reference(element.attribute("id"), element.getTagName(), kind, target, binding),
        element);
  }
}
