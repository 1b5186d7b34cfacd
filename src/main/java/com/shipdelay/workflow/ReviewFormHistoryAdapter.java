package com.shipdelay.workflow;

import com.shipdelay.review.ReviewForm;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Adapter (engine plugin and history handler, {@code impl} types by the engine's design): writes
 * the engine's history as its default handler does, at the configured level, except the review
 * task's display variables ({@link ReviewForm#VARIABLES}).
 *
 * <p>Why: those variables are a copy of the report (merchant, type, reason, orders, evidence links)
 * made for the form when the task opens; the report and its timeline stay the record. At history
 * level full each of the 17 cost a runtime row, a historic variable row and a historic detail row:
 * counted on the full stack, a report wrote 91 rows from filing to review, 57 without these 34.
 * They had no reader: no query of ours reads them, Cockpit shows a running task's variables from
 * the runtime tables, and what a reviewer decides is a process variable, whose history is kept.
 */
@Component
class ReviewFormHistoryAdapter extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new Handler());
  }

  /** The default database handler, minus the review form's task-local copies of the report. */
  static final class Handler extends DbHistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricVariableUpdateEventEntity variable
          && variable.getTaskId() != null
          && ReviewForm.VARIABLES.contains(variable.getVariableName())) {
        return;
      }
      super.handleEvent(event);
    }
  }
}
