package com.shipdelay.region;

import com.shipdelay.bench.BenchSupport;
import com.shipdelay.region.baseline.ParserBeforeIssue12;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores {@link AddressParser} on the peer suites ({@code
 * ../shared/data/address-cases/peer-suites.tsv}, or {@code -Dbench.addresses=<file>}): accuracy per
 * level, every miss, and parse throughput on one core, each beside the same figure of the parser as
 * it was before issue 12 (commit bfdbe42, frozen in {@code baseline/}): the issue asks for the
 * speed "measured in the benchmark beside the current parser", and the old parser on the same
 * dictionary and cases is that measure, and shows what the accuracy work cost. {@code ./mvnw -o
 * -Pbench verify -Dbench=addresses}, or run {@link #main} directly.
 *
 * <p>Scoring follows the suite's README: province = the answer starts with the 2 expected digits;
 * city = the answer has at least 4 digits starting with the expected 4; area = equal to the 6
 * expected digits; a row tagged {@code expect-none} is right when the parser names nothing. The
 * answer is the receiving region: the first place the address names.
 */
public final class AddressBench {

  static final Path DEFAULT = Path.of("..", "shared", "data", "address-cases", "peer-suites.tsv");

  private AddressBench() {}

  record Case(
      String address, String province, String city, String area, boolean none, String note) {}

  public static void main(String[] args) throws Exception {
    BenchSupport.Output out = run();
    out.rows().forEach(r -> System.out.println(r.what() + ": " + r.ours() + "  " + r.note()));
  }

  /** A parser under test: the regions an address names, the first being the receiving one. */
  interface Parse {
    List<String> codes(String address);
  }

  /** Hits and scored cases per level (province, city, area, expect-none), and the misses. */
  record Score(int[] hit, int[] scored, String misses) {
    double pct(int level) {
      return scored[level] == 0 ? 100 : 100.0 * hit[level] / scored[level];
    }

    int missed() {
      return misses.isEmpty() ? 0 : misses.split("\n").length;
    }
  }

  public static BenchSupport.Output run() throws IOException {
    Path file = Path.of(System.getProperty("bench.addresses", DEFAULT.toString()));
    List<Case> cases = read(file);
    Regions regions = new Regions();
    AddressParser parser = new AddressParser(regions);
    ParserBeforeIssue12 before = new ParserBeforeIssue12(regions);
    Parse ours = a -> parser.parse(a).codes();
    Parse baseline = a -> before.parse(a).mentions().stream().map(Region::code).toList();
    Score score = score(cases, ours);
    Score old = score(cases, baseline);
    System.out.print(score.misses());
    BenchSupport.Output output = new BenchSupport.Output();
    String[] levels = {"province", "city", "area", "expect-none"};
    for (int l = 0; l < 4; l++) {
      output
          .rows()
          .add(
              new BenchSupport.Row(
                  "addresses",
                  "peer suites, " + levels[l] + " accuracy",
                  String.format("%.1f %% (%d/%d)", score.pct(l), score.hit()[l], score.scored()[l]),
                  String.format("%.1f %% (%d/%d)", old.pct(l), old.hit()[l], old.scored()[l]),
                  null,
                  l == 0 ? "≥98 %" : "-",
                  l == 0 ? score.pct(l) >= 98 : null,
                  "-",
                  "baseline: the parser before issue 12 (commit bfdbe42, frozen in"
                      + " src/bench/…/region/baseline), same dictionary; "
                      + file));
    }
    output
        .rows()
        .add(
            new BenchSupport.Row(
                "addresses",
                "peer suites, cases with any miss",
                score.missed() + " of " + cases.size(),
                old.missed() + " of " + cases.size(),
                null,
                "-",
                null,
                "-",
                "every miss is listed under 'address misses' (ours) in results.md"));
    output.sections().put("address misses", score.misses());
    output.sections().put("address misses of the baseline (before issue 12)", old.misses());
    output.rows().add(throughput(cases, ours, baseline));
    return output;
  }

  static Score score(List<Case> cases, Parse parse) {
    int[] hit = new int[4];
    int[] scored = new int[4];
    String[] levels = {"province", "city", "area", "none"};
    StringBuilder misses = new StringBuilder();
    for (Case c : cases) {
      List<String> codes = parse.codes(c.address());
      String got = codes.isEmpty() ? "" : codes.get(0);
      List<String> wrong = new ArrayList<>();
      if (c.none()) {
        scored[3]++;
        if (got.isEmpty()) {
          hit[3]++;
        } else {
          wrong.add(levels[3]);
        }
      }
      String[] expected = {c.province(), c.city(), c.area()};
      for (int l = 0; l < 3; l++) {
        String e = expected[l];
        if (e.isEmpty()) {
          continue;
        }
        scored[l]++;
        boolean ok = l == 2 ? got.equals(e) : got.length() >= e.length() && got.startsWith(e);
        if (ok) {
          hit[l]++;
        } else {
          wrong.add(levels[l]);
        }
      }
      if (!wrong.isEmpty()) {
        misses.append(
            String.format(
                "MISS %-10s %s -> %s (expected %s/%s/%s%s) %s%n",
                String.join(",", wrong),
                c.address(),
                codes.isEmpty() ? "-" : String.join("|", codes),
                c.province(),
                c.city(),
                c.area(),
                c.none() ? " none" : "",
                c.note()));
      }
    }
    return new Score(hit, scored, misses.toString());
  }

  /**
   * Addresses per second of this thread's CPU time (one core's rate, whatever else the machine
   * runs): both parsers warmed up for 3 CPU-seconds each, then 3 alternating rounds of a CPU-second
   * each; medians.
   */
  static BenchSupport.Row throughput(List<Case> cases, Parse ours, Parse baseline) {
    rate(cases, ours, 3_000_000_000L);
    rate(cases, baseline, 3_000_000_000L);
    List<Double> oursCpu = new ArrayList<>();
    List<Double> baseCpu = new ArrayList<>();
    List<Double> oursWall = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      double[] o = rate(cases, ours, 1_000_000_000L);
      oursCpu.add(o[0]);
      oursWall.add(o[1]);
      baseCpu.add(rate(cases, baseline, 1_000_000_000L)[0]);
    }
    double perSecond = BenchSupport.median(oursCpu);
    double basePerSecond = BenchSupport.median(baseCpu);
    return new BenchSupport.Row(
        "addresses",
        "parse throughput, one thread",
        BenchSupport.f(perSecond) + " addresses/s",
        BenchSupport.f(basePerSecond) + " addresses/s",
        BenchSupport.round(perSecond / basePerSecond),
        "≥50,000/s",
        perSecond >= 50_000,
        "-",
        "per second of the thread's CPU time, median of 3 rounds of 1 CPU-second alternating"
            + " with the baseline (the parser before issue 12) after 3 CPU-seconds of warm-up"
            + " each; ours by the wall clock: "
            + BenchSupport.f(BenchSupport.median(oursWall))
            + "/s; the suite's "
            + cases.size()
            + " addresses, repeated; /proc/loadavg at the end: "
            + BenchSupport.load());
  }

  /**
   * {addresses per CPU-second of this thread, addresses per wall-clock second}, parsing until the
   * thread has used {@code cpuNanos} of CPU (at most 30 times that by the wall clock): on a loaded
   * machine a wall-clock budget leaves the thread too little CPU to finish its warm-up.
   */
  private static double[] rate(List<Case> cases, Parse parse, long cpuNanos) {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long count = 0;
    long cpu;
    long now;
    do {
      for (Case c : cases) {
        parse.codes(c.address());
        count++;
      }
      cpu = threads.getCurrentThreadCpuTime() - cpu0;
      now = System.nanoTime();
    } while (cpu < cpuNanos && now - t0 < 30 * cpuNanos);
    return new double[] {count / (cpu / 1e9), count / ((now - t0) / 1e9)};
  }

  static List<Case> read(Path file) throws IOException {
    List<Case> cases = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.split("\t", -1);
      String note = c.length > 5 ? c[5] : "";
      cases.add(new Case(c[0], c[1], c[2], c[3], note.contains("expect-none"), note));
    }
    return cases;
  }
}
