package com.shipdelay.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start a real deployment without the settings it cannot run safely without, before
 * anything touches the database: no admin password would leave the engine with no admin (and
 * Camunda's first-user setup open), no platform token would lock the platform out, and no object
 * store credentials would fail every upload. The embedded demo ({@code embedded} profile) brings
 * its own.
 */
public class RequiredSettings implements EnvironmentPostProcessor {

  /** The variable that sets each required property. */
  static final Map<String, String> REQUIRED =
      Map.of(
          "shipdelay.platform.token", "SHIPDELAY_PLATFORM_TOKEN",
          "shipdelay.storage.access-key", "SHIPDELAY_S3_ACCESS_KEY",
          "shipdelay.storage.secret-key", "SHIPDELAY_S3_SECRET_KEY");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.acceptsProfiles(Profiles.of("embedded"))) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!adminHasPassword(environment)) {
      missing.add("SHIPDELAY_ADMIN_PASSWORD");
    }
    REQUIRED.forEach(
        (property, variable) -> {
          String value = environment.getProperty(property);
          if (value == null || value.isBlank()) {
            missing.add(variable);
          }
        });
    if (!missing.isEmpty()) {
      throw new MissingSettingsException(missing.stream().sorted().toList());
    }
  }

  /** Some configured user of {@code camunda-admin} has a password. */
  @SuppressWarnings("unchecked")
  private static boolean adminHasPassword(ConfigurableEnvironment environment) {
    List<Map<String, Object>> users =
        Binder.get(environment)
            .bind(
                "shipdelay.identity.users",
                Bindable.listOf((Class<Map<String, Object>>) (Class<?>) Map.class))
            .orElse(List.of());
    return users.stream()
        .anyMatch(
            u -> {
              Object groups = u.get("groups");
              Object password = u.get("password");
              boolean admin =
                  groups instanceof Map<?, ?> map
                      ? map.containsValue("camunda-admin")
                      : String.valueOf(groups).contains("camunda-admin");
              return admin && password != null && !password.toString().isBlank();
            });
  }

  /** Thrown at start-up; {@link Analyzer} turns it into one readable line, no stack trace. */
  static class MissingSettingsException extends RuntimeException {
    final List<String> variables;

    MissingSettingsException(List<String> variables) {
      super("missing required settings: " + String.join(", ", variables));
      this.variables = variables;
    }
  }

  /** Reports {@link MissingSettingsException} as Spring Boot's start-up failure report. */
  public static class Analyzer extends AbstractFailureAnalyzer<MissingSettingsException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, MissingSettingsException cause) {
      return new FailureAnalysis(
          "ShipDelay cannot start: required setting(s) not set: "
              + String.join(", ", cause.variables),
          "Set "
              + String.join(", ", cause.variables)
              + " in the environment (see README, Production). Only the embedded demo"
              + " (./mvnw spring-boot:test-run) runs without them.",
          null);
    }
  }
}
