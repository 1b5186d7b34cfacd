package com.shipdelay.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark suite, or named parts of it, and writes {@code target/bench/results.md} and
 * {@code results.json}. Every part that needs the application runs in a child JVM of its own (one
 * JVM per figure set), with the real stack: embedded PostgreSQL 17 and the in-process S3 server. A
 * figure never fails anything: a missed target is a row that says so.
 *
 * <p>{@code BenchMain all} or {@code BenchMain excel,exemption,submission,queries,evidence}. Sizes
 * can be shrunk for development with {@code -Dbench.small=true} (passed on to children).
 */
public final class BenchMain {

  static final Path OUT = Path.of("target", "bench");
  static final List<String> PARTS =
      List.of("excel", "exemption", "submission", "queries", "evidence", "addresses");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1], Boolean.parseBoolean(args[2]), Path.of(args[3]));
      System.exit(0);
    }
    // -Dbench.opts="bench.small=true camunda.bpm.job-execution.max-pool-size=4": system
    // properties for this JVM and every child (sizes, repeats, engine and pool settings)
    if (args.length > 1 && !args[1].isBlank() && !args[1].equals("-")) {
      for (String option : args[1].trim().split("\\s+")) {
        int eq = option.indexOf('=');
        System.setProperty(option.substring(0, eq), option.substring(eq + 1));
      }
    }
    List<String> parts =
        args.length == 0 || args[0].isBlank() || args[0].equals("all")
            ? PARTS
            : Arrays.asList(args[0].split(","));
    Files.createDirectories(OUT);
    Instant started = Instant.now();
    Map<String, Object> machineBefore = BenchSupport.machine();
    List<BenchSupport.Output> outputs = new ArrayList<>();
    for (String part : parts) {
      if (!PARTS.contains(part)) {
        throw new IllegalArgumentException("unknown part " + part + "; one of " + PARTS);
      }
    }
    if (parts.contains("excel")) {
      BenchSupport.log("=== excel (load %s)", BenchSupport.load());
      outputs.add(com.shipdelay.report.ExcelBench.run(OUT));
    }
    // exemption and queries share the 1,000,000-order data set: one child generates it once
    if (parts.contains("exemption") || parts.contains("queries")) {
      String scale =
          parts.contains("exemption") && parts.contains("queries")
              ? "exemption+queries"
              : parts.contains("exemption") ? "exemption" : "queries";
      BenchSupport.log("=== %s (load %s)", scale, BenchSupport.load());
      outputs.add(spawn(scale, false));
      if (parts.contains("exemption")) {
        outputs.add(spawn("exemption", true));
      }
    }
    if (parts.contains("submission")) {
      BenchSupport.log("=== submission (load %s)", BenchSupport.load());
      outputs.add(spawn("submission", false));
      // -Dbench.opts="bench.durable=false" skips the durable repeat (for tuning experiments)
      if (Boolean.parseBoolean(System.getProperty("bench.durable", "true"))) {
        outputs.add(spawn("submission", true));
      }
    }
    if (parts.contains("addresses")) {
      BenchSupport.log("=== addresses (load %s)", BenchSupport.load());
      outputs.add(com.shipdelay.region.AddressBench.run());
    }
    if (parts.contains("evidence")) {
      BenchSupport.log("=== evidence (load %s)", BenchSupport.load());
      outputs.add(spawn("evidence", false));
    }
    Duration took = Duration.between(started, Instant.now());
    Report.write(OUT, parts, outputs, machineBefore, BenchSupport.machine(), took);
    BenchSupport.log("done in %s: %s", took, OUT.resolve("results.md").toAbsolutePath());
  }

  /** Runs one part in a child JVM with the same classpath and answers what it wrote. */
  static BenchSupport.Output spawn(String part, boolean durable) throws Exception {
    Path out = OUT.resolve(part + (durable ? "-durable" : "") + ".json");
    Files.deleteIfExists(out);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Xms1g");
    // -Dbench.opts="bench.jfr=true": a JFR recording of each child (profile settings) next to
    // its log, for the flame graph's top frames (`jfr print --events jdk.ExecutionSample`)
    if (Boolean.getBoolean("bench.jfr")) {
      command.add(
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + OUT.resolve(part + (durable ? "-durable" : "") + ".jfr").toAbsolutePath());
    }
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("bench.")
          || key.startsWith("camunda.")
          || key.startsWith("spring.")
          || key.startsWith("shipdelay.")) {
        command.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchMain.class.getName());
    command.add("--child");
    command.add(part);
    command.add(String.valueOf(durable));
    command.add(out.toString());
    BenchSupport.log("child JVM: %s (fsync/synchronous_commit %s)", part, durable ? "on" : "off");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.to(
                    OUT.resolve(part + (durable ? "-durable" : "") + ".log").toFile()))
            .start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    if (process.exitValue() != 0 || !Files.exists(out)) {
      BenchSupport.Output failed = new BenchSupport.Output();
      failed
          .rows()
          .add(
              new BenchSupport.Row(
                  part,
                  "run failed (exit " + process.exitValue() + ")",
                  "-",
                  "-",
                  null,
                  "-",
                  false,
                  durable ? "fsync=on" : "fsync=off",
                  "see " + OUT.resolve(part + (durable ? "-durable" : "") + ".log")));
      return failed;
    }
    return BenchSupport.Output.read(out);
  }

  private static void child(String part, boolean durable, Path out) throws Exception {
    BenchSupport.Output output =
        switch (part) {
          case "exemption" -> ScaleBench.run(durable, true, false);
          case "queries" -> ScaleBench.run(durable, false, true);
          case "exemption+queries" -> ScaleBench.run(durable, true, true);
          case "submission" -> SubmissionBench.run(durable);
          case "evidence" -> EvidenceBench.run(durable);
          default -> throw new IllegalArgumentException(part);
        };
    output.write(out);
  }

  static String classpath() {
    return System.getProperty("java.class.path");
  }

  static String javaBin() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
