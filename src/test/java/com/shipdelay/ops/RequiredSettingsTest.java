package com.shipdelay.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RequiredSettingsTest {

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }

  private static final Map<String, Object> COMPLETE =
      Map.of(
          "shipdelay.platform.token", "platform-token",
          "shipdelay.storage.access-key", "key",
          "shipdelay.storage.secret-key", "secret",
          "shipdelay.identity.users[0].id", "admin",
          "shipdelay.identity.users[0].password", "admin-password",
          "shipdelay.identity.users[0].groups[0]", "camunda-admin");

  @Test
  void aDeploymentWithoutTheAdminPasswordOrTokenDoesNotStartAndSaysWhichVariable() {
    var settings = new RequiredSettings();
    var empty =
        environment(
            Map.of(
                "shipdelay.identity.users[0].id",
                "admin",
                "shipdelay.identity.users[0].groups[0]",
                "camunda-admin",
                "shipdelay.identity.users[0].password",
                ""));
    assertThatThrownBy(() -> settings.postProcessEnvironment(empty, new SpringApplication()))
        .isInstanceOf(RequiredSettings.MissingSettingsException.class)
        .hasMessage(
            "missing required settings: SHIPDELAY_ADMIN_PASSWORD, SHIPDELAY_PLATFORM_TOKEN,"
                + " SHIPDELAY_S3_ACCESS_KEY, SHIPDELAY_S3_SECRET_KEY");

    var analysis =
        new RequiredSettings.Analyzer()
            .analyze(
                new RequiredSettings.MissingSettingsException(
                    java.util.List.of("SHIPDELAY_ADMIN_PASSWORD")));
    assertThat(analysis.getDescription())
        .isEqualTo("ShipDelay cannot start: required setting(s) not set: SHIPDELAY_ADMIN_PASSWORD")
        .doesNotContain("\n");
    assertThat(analysis.getCause()).isNull();
  }

  @Test
  void aPasswordForAUserWhoIsNoAdminDoesNotCount() {
    var properties = new java.util.HashMap<>(COMPLETE);
    properties.put("shipdelay.identity.users[0].groups[0]", "reviewers");
    assertThatThrownBy(
            () ->
                new RequiredSettings()
                    .postProcessEnvironment(environment(properties), new SpringApplication()))
        .hasMessageContaining("SHIPDELAY_ADMIN_PASSWORD");
  }

  @Test
  void completeSettingsAndTheEmbeddedDemoStart() {
    new RequiredSettings().postProcessEnvironment(environment(COMPLETE), new SpringApplication());
    var demo = environment(Map.of());
    demo.setActiveProfiles("embedded");
    new RequiredSettings().postProcessEnvironment(demo, new SpringApplication());
  }
}
