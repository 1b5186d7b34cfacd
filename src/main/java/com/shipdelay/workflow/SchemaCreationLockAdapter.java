package com.shipdelay.workflow;

import com.shipdelay.ops.StartupLock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Adapter (engine plugin, an {@code impl} type by the engine's design): holds {@link StartupLock}
 * while the engine is built, which is when it creates its tables on an empty database. Two nodes
 * started together on an empty database otherwise both try to create them and one fails its start.
 */
@Component
class SchemaCreationLockAdapter extends AbstractProcessEnginePlugin {

  private final StartupLock lock;
  private AutoCloseable held;

  SchemaCreationLockAdapter(StartupLock lock) {
    this.lock = lock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    held = lock.acquire();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (held != null) {
      try {
        held.close();
      } catch (Exception e) {
        // closing the connection releases a session lock anyway
      }
      held = null;
    }
  }
}
