package com.shipdelay.region;

import com.shipdelay.bench.BenchSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores {@link AddressParser} on the peer suites ({@code
 * ../shared/data/address-cases/peer-suites.tsv}, or {@code -Dbench.addresses=<file>}): accuracy per
 * level, every miss, and parse throughput on one core. {@code ./mvnw -o -Pbench verify
 * -Dbench=addresses}, or run {@link #main} directly.
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

  public static BenchSupport.Output run() throws IOException {
    Path file = Path.of(System.getProperty("bench.addresses", DEFAULT.toString()));
    List<Case> cases = read(file);
    AddressParser parser = new AddressParser(new Regions());
    int[] hit = new int[4];
    int[] scored = new int[4];
    String[] levels = {"province", "city", "area", "expect-none"};
    StringBuilder misses = new StringBuilder();
    for (Case c : cases) {
      var parsed = parser.parse(c.address());
      String got = parsed.mentions().isEmpty() ? "" : parsed.mentions().get(0).code();
      String all =
          parsed.mentions().stream().map(Region::code).reduce((a, b) -> a + "|" + b).orElse("-");
      List<String> wrong = new ArrayList<>();
      if (c.none()) {
        scored[3]++;
        if (got.isEmpty()) {
          hit[3]++;
        } else {
          wrong.add("none");
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
                all,
                c.province(),
                c.city(),
                c.area(),
                c.none() ? " none" : "",
                c.note()));
      }
    }
    System.out.print(misses);
    BenchSupport.Output output = new BenchSupport.Output();
    for (int l = 0; l < 4; l++) {
      double pct = scored[l] == 0 ? 100 : 100.0 * hit[l] / scored[l];
      String target = l == 0 ? "≥98 %" : "-";
      output
          .rows()
          .add(
              new BenchSupport.Row(
                  "addresses",
                  "peer suites, " + levels[l] + " accuracy",
                  String.format("%.1f %% (%d/%d)", pct, hit[l], scored[l]),
                  "-",
                  null,
                  target,
                  l == 0 ? pct >= 98 : null,
                  "-",
                  file.toString()));
    }
    output.sections().put("address misses", misses.toString());
    // throughput on one thread: warm up, then parse the suite repeatedly for about two seconds
    long parsedCount = 0;
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (Case c : cases) {
        parser.parse(c.address());
      }
    }
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    deadline = t0 + 2_000_000_000L;
    long now;
    do {
      for (Case c : cases) {
        parser.parse(c.address());
        parsedCount++;
      }
      now = System.nanoTime();
    } while (now < deadline);
    double wallPerSecond = parsedCount / ((now - t0) / 1e9);
    // per second of this thread's CPU time: one core's rate, whatever else the machine runs
    double perSecond = parsedCount / ((threads.getCurrentThreadCpuTime() - cpu0) / 1e9);
    output
        .rows()
        .add(
            new BenchSupport.Row(
                "addresses",
                "parse throughput, one thread",
                BenchSupport.f(perSecond) + " addresses/s",
                "-",
                null,
                "≥50,000/s",
                perSecond >= 50_000,
                "-",
                "per second of the thread's CPU time (wall clock: "
                    + BenchSupport.f(wallPerSecond)
                    + "/s); the suite's "
                    + cases.size()
                    + " addresses, repeated for 2 s after 1 s warm-up"));
    return output;
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
