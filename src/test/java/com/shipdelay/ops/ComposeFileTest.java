package com.shipdelay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the build runs, so {@code docker-compose.yml} is checked by reading
 * it: images pinned, every variable it uses documented in {@code .env.example}, dependencies that
 * exist, the app with a healthcheck and a restart policy, no admin console published, and the app
 * never given the store's admin credentials.
 */
class ComposeFileTest {

  static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)");
  static final Pattern PINNED = Pattern.compile("[^:@\\s]+(:[0-9][\\w.\\-]*|@sha256:[0-9a-f]{64})");

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void everyImageIsPinnedToAVersion() throws IOException {
    List<String> unpinned = new ArrayList<>();
    services()
        .forEach(
            (name, service) -> {
              Object image = service.get("image");
              if (image == null) {
                assertThat(service).as(name + " has an image or a build").containsKey("build");
              } else if (!PINNED.matcher(image.toString()).matches()) {
                unpinned.add(name + ": " + image);
              }
            });
    for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
      if (line.startsWith("FROM ")) {
        String image = line.substring(5).split("\\s+")[0];
        if (!PINNED.matcher(image).matches()) {
          unpinned.add("Dockerfile: " + image);
        }
      }
    }
    assertThat(unpinned).isEmpty();
  }

  @Test
  void everyVariableUsedIsInTheExampleEnvironment() throws IOException {
    Set<String> used = new TreeSet<>();
    Matcher m = VARIABLE.matcher(Files.readString(Path.of("docker-compose.yml")));
    while (m.find()) {
      used.add(m.group(1));
    }
    Set<String> documented = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of(".env.example"))) {
      if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
        documented.add(line.substring(0, line.indexOf('=')).trim());
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(documented).containsAll(used);
  }

  @Test
  @SuppressWarnings("unchecked")
  void dependenciesExistAndTheAppIsWatchedAndRestarted() throws IOException {
    Map<String, Map<String, Object>> services = services();
    services.forEach(
        (name, service) -> {
          Object dependsOn = service.get("depends_on");
          if (dependsOn instanceof Map<?, ?> map) {
            assertThat(services.keySet())
                .as(name + " depends on")
                .containsAll((Set<String>) map.keySet());
          } else if (dependsOn instanceof List<?> list) {
            assertThat(services.keySet()).as(name + " depends on").containsAll((List<String>) list);
          }
        });
    Map<String, Object> app = services.get("app");
    assertThat(app).containsKeys("healthcheck", "restart");
    assertThat(app.get("restart")).isNotEqualTo("no");
    assertThat(((Map<String, Object>) app.get("healthcheck")).get("test").toString())
        .contains("/actuator/health");
  }

  @Test
  @SuppressWarnings("unchecked")
  void noAdminConsoleIsPublishedAndTheAppHasNoStoreAdminCredentials() throws IOException {
    // the published ports: the app, and the store's S3 API for evidence download links
    List<String> published = new ArrayList<>();
    services()
        .forEach(
            (name, service) -> {
              for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                published.add(name + " " + port.toString().split(":")[0]);
              }
            });
    assertThat(published).containsExactlyInAnyOrder("s3 8333", "app 8080");
    String appEnvironment = services().get("app").get("environment").toString();
    assertThat(appEnvironment)
        .doesNotContain("ADMIN_ACCESS_KEY")
        .doesNotContain("ADMIN_SECRET_KEY");
  }
}
