package com.shipdelay;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the compiled classes and the sources without a Spring context
 * (it runs in about a second). The modules are the top-level packages under {@code com.shipdelay};
 * the README's "Layout" section has the table ownership this test enforces. Spring Modulith's
 * {@code verify()} was not used: it allows no cycle at all, where this test can list one that is
 * meant ({@link #ALLOWED_CYCLE_EDGES}), and it does not see which module writes which table.
 */
class ArchitectureTest {

  static final String BASE = "com.shipdelay";

  static final List<String> FEATURES =
      List.of(
          "region",
          "merchant",
          "order",
          "report",
          "validation",
          "review",
          "evidence",
          "workflow",
          "identity",
          "ops",
          "exemption",
          "metrics",
          "notification",
          "webhook");

  /**
   * Cycles that are meant, as "origin class → target module" with the reason. Listening to an event
   * is a dependency in name only: the publisher never calls its listener. None today: the one there
   * was (the audit log listening to the report events, report → identity → ops → report) closed no
   * more once the review links' access check left report for review.
   */
  static final Map<String, String> ALLOWED_CYCLE_EDGES = Map.of();

  /** Which module writes which table; the README's table says the same. */
  static final Map<String, String> TABLE_OWNER =
      Map.ofEntries(
          Map.entry("merchant", "merchant"),
          Map.entry("freight_template", "merchant"),
          Map.entry("ad_exclusion", "merchant"),
          Map.entry("ad_exclusion_change", "merchant"),
          Map.entry("orders", "order"),
          Map.entry("address_regions_state", "order"),
          Map.entry("delay_report", "report"),
          Map.entry("report_order", "report"),
          Map.entry("report_event", "report"),
          Map.entry("idempotency_key", "report"),
          Map.entry("evidence", "evidence"),
          Map.entry("notification", "notification"),
          Map.entry("announcement", "exemption"),
          Map.entry("order_exemption", "exemption"),
          Map.entry("webhook_endpoint", "webhook"),
          Map.entry("webhook_event", "webhook"),
          Map.entry("webhook_delivery", "webhook"));

  /** Writes by a module that does not own the table, as "module table" with the reason. */
  static final Map<String, String> ALLOWED_FOREIGN_WRITES = Map.of();

  /** Reads of another module's table, as "module table" with the reason. */
  static final Map<String, String> ALLOWED_FOREIGN_READS =
      Map.ofEntries(
          Map.entry(
              "exemption delay_report",
              "the exempting statement checks the approval in the same statement as its write"),
          Map.entry("exemption report_order", "the exempting statement takes the report's orders"),
          Map.entry(
              "exemption orders",
              "a published announcement counts the orders it covers per merchant, one aggregate"
                  + " over the region-keys index"),
          Map.entry("metrics orders", "the two shop metrics are one set-based query over orders"),
          Map.entry(
              "metrics order_exemption",
              "as above: whether a report exempts each order is decided inside that query"),
          Map.entry(
              "order order_exemption",
              "the order list shows each order's exemption in the one paged query"),
          Map.entry(
              "report order_exemption",
              "a report's order list (the merchant's view) marks the orders that report exempts"),
          Map.entry("ops evidence", "a gauge sums the stored evidence bytes; one aggregate"),
          Map.entry(
              "order merchant",
              "the bulk platform sync checks and joins the merchants of 1,000s of rows at once"),
          Map.entry(
              "order delay_report",
              "the merchant order list shows each order's latest report in the one paged query"),
          Map.entry("order report_order", "as above, and the list's filter on orders in a report"),
          Map.entry(
              "report orders",
              "filing, the review form and the reviewer order list join the report's orders;"
                  + " a release is one set-based statement over both"),
          Map.entry(
              "webhook merchant",
              "locks the merchant row so its endpoint limit holds under concurrent requests"));

  static final int MAX_MAIN_LINES = 300;

  /**
   * Main classes over {@link #MAX_MAIN_LINES}, each with the most lines it may keep (its size when
   * it was listed): these may shrink, not grow. None today: the report hubs (ReportLifecycle,
   * ReportSubmission, Reports), OrderFileReader, EvidenceFiles, IdentityBootstrap, AddressParser
   * and RegionNames were split under 300 and left the list.
   */
  static final Map<String, Integer> OVERSIZED = Map.of();

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));
  }

  static String moduleOf(String className) {
    String rest = className.substring(BASE.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? "" : rest.substring(0, dot);
  }

  @Test
  void theFeatureModulesFormNoCycleExceptTheListedOnes() {
    assertThat(classes.size()).as("classes imported").isGreaterThan(100);
    slices()
        .matching(BASE + ".(*)..")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(
            describe(
                "an origin of a listed allowed cycle edge",
                (JavaClass c) ->
                    ALLOWED_CYCLE_EDGES.keySet().stream()
                        .anyMatch(edge -> edge.startsWith(c.getName() + " → "))),
            describe(
                "a target module of a listed allowed cycle edge",
                (JavaClass c) ->
                    ALLOWED_CYCLE_EDGES.keySet().stream()
                        .anyMatch(edge -> edge.endsWith(" → " + moduleOf(c.getName())))))
        .check(classes);
  }

  /** Public types that no other package names in code, with what needs them public. */
  static final Map<String, String> PUBLIC_FOR_OUTSIDE_CALLERS =
      Map.of(
          BASE + ".ShipDelayApplication",
          "Spring Boot's launcher starts it",
          BASE + ".workflow.ReviewClock",
          "the BPMN's timer expressions call it (${reviewClock.deadline(execution)})",
          BASE + ".ops.RequiredSettings",
          "META-INF/spring.factories names it");

  static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public (?:final |abstract |sealed )*(?:class|record|enum|interface|@interface) (\\w+)",
          Pattern.MULTILINE);

  static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

  /**
   * Read from the sources, not the bytecode: the compiler inlines constants ({@code
   * ProcessIds.TASK_EXEMPT}), so a class file does not show every use. Tests and benchmarks in
   * other packages count as users.
   */
  @Test
  void aPublicTypeIsUsedOutsideItsPackage() throws IOException {
    Map<Path, String> sources = new TreeMap<>();
    for (String root : List.of("src/main/java", "src/test/java", "src/bench/java")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          sources.put(file, Files.readString(file));
        }
      }
    }
    List<String> needless = new ArrayList<>();
    for (Path file : mainSources()) {
      String text = sources.get(file);
      Matcher type = PUBLIC_TYPE.matcher(text);
      if (!type.find()) {
        continue;
      }
      String pkg = packageOf(text);
      Pattern name = Pattern.compile("\\b" + type.group(1) + "\\b");
      boolean usedOutside =
          sources.entrySet().stream()
              .anyMatch(
                  e -> !packageOf(e.getValue()).equals(pkg) && name.matcher(e.getValue()).find());
      String className = pkg + "." + type.group(1);
      if (!usedOutside && !PUBLIC_FOR_OUTSIDE_CALLERS.containsKey(className)) {
        needless.add(className);
      }
    }
    assertThat(needless)
        .as("public types only their own package uses: make them package-private")
        .isEmpty();
  }

  static String packageOf(String source) {
    Matcher m = PACKAGE.matcher(source);
    return m.find() ? m.group(1) : "";
  }

  @Test
  void webDependsOnNoFeatureModule() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            FEATURES.stream().map(f -> BASE + "." + f + "..").toArray(String[]::new))
        .because("web/ is the shared HTTP vocabulary every module uses")
        .check(classes);
  }

  /**
   * Besides controllers, filters and web/: {@code workflow.EngineRestConfig}, which maps the engine
   * REST layer's errors to their status codes, an HTTP boundary like a controller.
   */
  @Test
  void onlyControllersFiltersAndWebUseSpringHttpTypes() {
    noClasses()
        .that()
        .resideOutsideOfPackage(BASE + ".web..")
        .and()
        .haveNameNotMatching(".*(Controller|Filter|Filters)(\\$.*)?")
        .and()
        .doNotHaveFullyQualifiedName(BASE + ".workflow.EngineRestConfig")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework.http..")
        .because("services raise domain errors; web/ turns them into HTTP (issue 13, point 1)")
        .check(classes);
  }

  static List<Path> mainSources() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  static String relative(Path file) {
    return Path.of("src/main/java/com/shipdelay").relativize(file).toString().replace('\\', '/');
  }

  @Test
  void noMainClassOverThreeHundredLinesExceptListedOnesThatMayNotGrow() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path file : mainSources()) {
      long lines = Files.readAllLines(file).size();
      Integer ceiling = OVERSIZED.get(relative(file));
      if (lines > (ceiling == null ? MAX_MAIN_LINES : ceiling)) {
        offenders.add(
            relative(file)
                + ": "
                + lines
                + " lines"
                + (ceiling == null ? "" : " (listed at " + ceiling + ", may shrink, not grow)"));
      }
    }
    assertThat(offenders).as("main classes over " + MAX_MAIN_LINES + " lines").isEmpty();
  }

  static final int MAX_METHOD_LINES = 50;

  /** A method or constructor header up to its body's brace, the name in group 1. */
  static final Pattern METHOD =
      Pattern.compile(
          "\\b(\\w+)\\s*\\((?:[^;{}()]++|\\([^;{}()]*+\\))*+\\)\\s*(?:throws\\s[\\w.,\\s]++)?\\{");

  /** Statements with a header of that shape (anonymous classes, records: by what precedes). */
  static final Set<String> NOT_METHODS =
      Set.of("if", "for", "while", "switch", "catch", "synchronized", "try");

  /** The source with comments and literals blanked, line breaks kept: only code has braces. */
  static String codeOnly(String src) {
    StringBuilder code = new StringBuilder(src);
    for (int i = 0, end; i < src.length(); i = Math.max(end, i + 1)) {
      end = i;
      if (src.startsWith("//", i)) {
        end = src.indexOf('\n', i) < 0 ? src.length() : src.indexOf('\n', i);
      } else if (src.startsWith("/*", i)) {
        end = src.indexOf("*/", i + 2) + 2;
      } else if (src.startsWith("\"\"\"", i) || src.charAt(i) == '"' || src.charAt(i) == '\'') {
        String quote = src.startsWith("\"\"\"", i) ? "\"\"\"" : src.substring(i, i + 1);
        end = i + quote.length();
        while (!src.startsWith(quote, end)) {
          end += src.charAt(end) == '\\' ? 2 : 1;
        }
        end += quote.length();
      }
      for (int j = i; j < end; j++) {
        code.setCharAt(j, src.charAt(j) == '\n' ? '\n' : ' ');
      }
    }
    return code.toString();
  }

  /** "method: N lines" for each method over the limit without "Long on purpose" above it. */
  static List<String> longMethodsWithoutWhy(String src) {
    String code = codeOnly(src);
    List<String> found = new ArrayList<>();
    Matcher header = METHOD.matcher(code);
    while (header.find()) {
      String before = code.substring(Math.max(0, header.start() - 8), header.start()).strip();
      if (NOT_METHODS.contains(header.group(1)) || before.matches("(?s).*(\\bnew|\\brecord|\\.)")) {
        continue;
      }
      int end = header.end();
      for (int depth = 1; depth > 0; end++) {
        depth += code.charAt(end) == '{' ? 1 : code.charAt(end) == '}' ? -1 : 0;
      }
      long lines = code.substring(header.start(), end).chars().filter(c -> c == '\n').count() + 1;
      int above = header.start(); // back to the end of what precedes: its Javadoc, annotations
      for (int parens = 0;
          above > 0 && (parens > 0 || "{};".indexOf(code.charAt(above - 1)) < 0); ) {
        char c = code.charAt(--above);
        parens += c == ')' ? 1 : c == '(' ? -1 : 0;
      }
      if (lines > MAX_METHOD_LINES
          && !src.substring(above, header.start()).contains("Long on purpose")) {
        found.add(header.group(1) + ": " + lines + " lines");
      }
    }
    return found;
  }

  @Test
  void noMethodOver50LinesWithoutAWhyComment() throws IOException {
    String body = "    x(\"}\", '{', \"\"\"\n  {\n  \"\"\"); // }\n".repeat(17);
    String longOne = "  void tooLong() throws IOException {\n" + body + "  }\n";
    assertThat(longMethodsWithoutWhy("class A {\n  A() {}\n" + longOne + "}"))
        .as("the scan itself: braces in literals and comments do not count")
        .containsExactly("tooLong: 53 lines");
    assertThat(longMethodsWithoutWhy("class A {\n  /** Long on purpose: a table. */\n" + longOne))
        .isEmpty();
    List<String> offenders = new ArrayList<>();
    for (Path file : mainSources()) {
      for (String method : longMethodsWithoutWhy(Files.readString(file))) {
        offenders.add(relative(file).replace(".java", ".") + method);
      }
    }
    assertThat(offenders)
        .as("methods over " + MAX_METHOD_LINES + " lines without a \"Long on purpose\" comment")
        .isEmpty();
  }

  /** SQL text: Java text blocks and string literals; comments and code do not count. */
  static final Pattern STRING =
      Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

  static final Pattern WRITE =
      Pattern.compile(
          "\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into|truncate(?:\\s+table)?)\\s+"
              + "([a-z_]+)\\b",
          Pattern.CASE_INSENSITIVE);

  static final Pattern READ =
      Pattern.compile("\\b(?:from|join)\\s+([a-z_]+)\\b", Pattern.CASE_INSENSITIVE);

  /** "module table" for each table the module's SQL names through {@code pattern}. */
  static Map<String, List<String>> tableUses(Pattern pattern) throws IOException {
    Map<String, List<String>> uses = new TreeMap<>();
    for (Path file : mainSources()) {
      String module = relative(file).contains("/") ? relative(file).split("/")[0] : "";
      Matcher literal = STRING.matcher(Files.readString(file));
      while (literal.find()) {
        String sql = literal.group(1) != null ? literal.group(1) : literal.group(2);
        Matcher use = pattern.matcher(sql);
        while (use.find()) {
          String table = use.group(1).toLowerCase();
          if (TABLE_OWNER.containsKey(table)) {
            uses.computeIfAbsent(module + " " + table, k -> new ArrayList<>()).add(relative(file));
          }
        }
      }
    }
    return uses;
  }

  @Test
  void eachTableIsWrittenByItsOwnerOrAListedException() throws IOException {
    Map<String, List<String>> writes = tableUses(WRITE);
    List<String> foreign = new ArrayList<>();
    writes.forEach(
        (use, files) -> {
          String[] moduleTable = use.split(" ");
          if (!TABLE_OWNER.get(moduleTable[1]).equals(moduleTable[0])
              && !ALLOWED_FOREIGN_WRITES.containsKey(use)) {
            foreign.add(use + " in " + new TreeSet<>(files));
          }
        });
    assertThat(foreign).as("writes to another module's table (module table)").isEmpty();
    // the scan sees the writes that exist, so it reads the right text
    assertThat(writes)
        .containsKeys("report delay_report", "order orders", "exemption order_exemption");
    assertThat(ALLOWED_FOREIGN_WRITES.keySet())
        .as("listed foreign writes that no longer happen")
        .allMatch(writes::containsKey);
  }

  @Test
  void crossModuleReadsAreListedWithAReason() throws IOException {
    Map<String, List<String>> reads = tableUses(READ);
    List<String> unlisted = new ArrayList<>();
    reads.forEach(
        (use, files) -> {
          String[] moduleTable = use.split(" ");
          if (!TABLE_OWNER.get(moduleTable[1]).equals(moduleTable[0])
              && !ALLOWED_FOREIGN_READS.containsKey(use)
              && !ALLOWED_FOREIGN_WRITES.containsKey(use)) {
            unlisted.add(use + " in " + new TreeSet<>(files));
          }
        });
    assertThat(unlisted)
        .as("reads of another module's table: go through its owner, or list it with the reason")
        .isEmpty();
    assertThat(reads).containsKeys("metrics orders", "evidence evidence");
  }
}
