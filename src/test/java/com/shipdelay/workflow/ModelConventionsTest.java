package com.shipdelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;

/** The models in bpmn/ are the admins': readable ids, a shape for everything, async services. */
class ModelConventionsTest {

  static final String READABLE_ID =
      "(StartEvent|EndEvent|Task|Gateway|SequenceFlow|BoundaryEvent|IntermediateEvent|SubProcess)_[A-Z][A-Za-z]+";

  static List<Path> models() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files.filter(p -> p.toString().endsWith(".bpmn")).toList();
    }
  }

  @Test
  void everyFlowElementHasAReadableIdAndADiagramShape() throws Exception {
    assertThat(models()).isNotEmpty();
    for (Path file : models()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      List<String> drawn =
          Stream.concat(
                  model.getModelElementsByType(BpmnShape.class).stream()
                      .map(s -> s.getBpmnElement().getId()),
                  model.getModelElementsByType(BpmnEdge.class).stream()
                      .map(e -> e.getBpmnElement().getId()))
              .toList();
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        assertThat(element.getId()).as(file + ": id").matches(READABLE_ID);
        assertThat(drawn).as(file + ": shape of " + element.getId()).contains(element.getId());
      }
    }
  }

  @Test
  void everyServiceTaskButValidationIsAsynchronousAndBoundToABean() throws Exception {
    for (Path file : models()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        // Validation is the one exception: it runs in the filing's transaction on the same
        // database and asks nothing outside it, so a save point before it would only add a job
        // per report (BENCHMARKS.md, submission). Every task that reaches out has one.
        assertThat(task.isCamundaAsyncBefore())
            .as(task.getId())
            .isEqualTo(!task.getId().equals("Task_ValidateReport"));
        assertThat(task.getCamundaDelegateExpression()).as(task.getId()).startsWith("${");
        assertThat(task.getCamundaClass()).as(task.getId()).isNull();
      }
      assertThat(model.getModelElementsByType(BaseElement.class)).isNotEmpty();
    }
  }
}
