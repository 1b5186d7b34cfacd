package com.shipdelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's {@code impl} packages ({@code org.camunda.bpm.…impl…}) are not its public API: an
 * engine upgrade or a move to a maintained Camunda 7 fork may change them. Main code reaches them
 * only through small adapters, each named {@code …Adapter} and saying so in its first comment line,
 * so such a move touches only those files.
 */
class EngineInternalsTest {

  static final Pattern IMPL_IMPORT =
      Pattern.compile(
          "^import\\s+(static\\s+)?org\\.camunda\\.bpm\\.[\\w.]*\\bimpl\\b", Pattern.MULTILINE);
  static final Pattern IMPL_NAME = Pattern.compile("org\\.camunda\\.bpm\\.[\\w.]*\\.impl\\.");
  static final int ADAPTER_MAX_LINES = 200;

  static List<Path> mainSources() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void onlySmallNamedAdaptersImportTheEnginesImplPackages() throws IOException {
    List<String> offenders = new ArrayList<>();
    List<String> adapters = new ArrayList<>();
    for (Path file : mainSources()) {
      String source = Files.readString(file);
      String code = IMPL_IMPORT.matcher(source).replaceAll("");
      boolean imports = IMPL_IMPORT.matcher(source).find();
      // a fully qualified name in the code is an import by another spelling
      boolean names = IMPL_NAME.matcher(code.replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", "")).find();
      if (!imports && !names) {
        continue;
      }
      String name = file.getFileName().toString();
      boolean named = name.endsWith("Adapter.java");
      boolean commented = source.contains("/**\n * Adapter");
      boolean small = source.lines().count() <= ADAPTER_MAX_LINES;
      if (named && commented && small) {
        adapters.add(name);
      } else {
        offenders.add(
            file
                + (named ? "" : " (not named …Adapter)")
                + (commented ? "" : " (no Adapter comment)")
                + (small ? "" : " (over " + ADAPTER_MAX_LINES + " lines)"));
      }
    }
    assertThat(offenders).as("main code importing the engine's impl packages").isEmpty();
    // the check found the adapters that exist, so it is looking at the right files
    assertThat(adapters).contains("DeploymentCheckEngineAdapter.java", "WebappSessionAdapter.java");
  }
}
