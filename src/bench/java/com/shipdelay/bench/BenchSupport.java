package com.shipdelay.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers: statistics, result rows and their JSON, the machine. */
public final class BenchSupport {

  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).findAndRegisterModules();

  private BenchSupport() {}

  /**
   * One result row. {@code ratio} is always "how many times better ours is" (baseline time / our
   * time, or our rate / baseline rate), so a ratio above 1 means ours wins.
   */
  public record Row(
      String part,
      String what,
      String ours,
      String baseline,
      Double ratio,
      String target,
      Boolean met,
      String database,
      String note) {}

  /** What one child run reports: rows plus free-form sections (plans, settings, tuning). */
  public record Output(List<Row> rows, Map<String, String> sections) {
    public Output() {
      this(new ArrayList<>(), new LinkedHashMap<>());
    }

    public void write(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      JSON.writeValue(file.toFile(), this);
    }

    public static Output read(Path file) throws IOException {
      return JSON.readValue(file.toFile(), Output.class);
    }
  }

  public static double median(List<Double> values) {
    return percentile(values, 50);
  }

  /** Nearest-rank percentile. */
  public static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  public static String f(double value) {
    if (Math.abs(value) >= 100) {
      return String.format("%,.0f", value);
    }
    if (Math.abs(value) >= 10) {
      return String.format("%.1f", value);
    }
    return String.format("%.2f", value);
  }

  public static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  public static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    long total =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    m.put("memoryMb", total / (1024 * 1024));
    m.put(
        "jdk",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")");
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("load", load());
    return m;
  }

  /** The machine's load, as uptime prints it: other builds share these two cores. */
  public static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  public static void log(String message, Object... args) {
    System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(message, args));
    System.out.flush();
  }
}
