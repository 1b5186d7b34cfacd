package com.shipdelay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.TestData;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The packaged jar, run the way production runs it: {@code java -jar target/shipdelay-*.jar} as its
 * own OS process, configured by {@code SHIPDELAY_*} environment variables (and {@code SERVER_PORT})
 * only, against a PostgreSQL server and an S3 server that this test starts beside it (zonky's real
 * PostgreSQL binaries with password authentication for the application's role, s3proxy over HTTP),
 * on an empty database. Everything is done and checked over HTTP, as merchants, platform systems,
 * admins and reviewers do it; the application's own job executor runs every job and timer.
 *
 * <ol>
 *   <li>A merchant's whole path on one node: created by the admin API, orders pushed by the
 *       platform, a report filed with evidence, reviewed through {@code /engine-rest}, orders
 *       exempt.
 *   <li>SIGKILL in the middle of a batch of filings, a restart on the same database and store:
 *       every acknowledged report reaches review once, and the unanswered filings, retried with
 *       their {@code Idempotency-Key}, make one report each.
 *   <li>Two nodes on one database, with a short review time: filings and approvals split between
 *       them; each report has one process instance, escalates once and is exempted once.
 *   <li>A webhook whose receiver (in this JVM, on 127.0.0.1) refuses the first attempt, the node
 *       SIGKILLed while the delivery waits for its retry, restarted: the retry arrives once as a
 *       success, signed as documented, with the event id of the refused attempt.
 * </ol>
 *
 * <p>Runs in failsafe's integration-test phase, after {@code package}. Each application process
 * writes its output to {@code target/prod-it/<node>.log}; a failing test prints their tails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionJarIT {

  private static final Path JAR = packagedJar();
  private static final Path LOGS = Path.of("target", "prod-it");

  /** Fresh secrets per run: nothing of the development configuration can work by accident. */
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private static final String DB_PASSWORD = "db-" + RUN;
  private static final String S3_ACCESS_KEY = "it-access-" + RUN;
  private static final String S3_SECRET_KEY = "it-secret-" + RUN + "-" + RUN;
  private static final String PLATFORM_TOKEN = "platform-" + RUN;
  private static final String ADMIN_PASSWORD = "admin-" + RUN;
  private static final String REVIEWER_PASSWORD = "reviewer-" + RUN;
  private static final String LEAD_PASSWORD = "lead-" + RUN;

  private static final String ADMIN = Api.basic("admin", ADMIN_PASSWORD);
  private static final String REVIEWER = Api.basic("reviewer", REVIEWER_PASSWORD);
  private static final String LEAD = Api.basic("lead", LEAD_PASSWORD);
  private static final String PLATFORM = Api.bearer(PLATFORM_TOKEN);

  /** The two-node part's review time, so that timers fire during the test instead of in 48 h. */
  private static final Duration SHORT_REVIEW = Duration.ofSeconds(5);

  /**
   * The webhook part's wait before the first retry (30 s by default): long enough that the node is
   * killed between two attempts, not in one, and about as long as its restart takes.
   */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(15);

  /** The nodes' job lock: the time a killed node's acquired jobs wait before another takes them. */
  private static final Duration JOB_LOCK = Duration.ofSeconds(20);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final AtomicLong ORDER_SEQUENCE =
      new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1_000);

  private final long began = System.nanoTime();
  private final List<Node> nodes = new CopyOnWriteArrayList<>();

  private EmbeddedPostgres postgres;
  private Path s3Root;
  private S3Proxy s3;
  private String s3Endpoint;

  /** Node "a" throughout; after the SIGKILL, "a" again and "b" beside it. */
  private Node a;

  private Node b;

  @RegisterExtension
  final TestWatcher printLogsOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          nodes.forEach(node -> node.printTail(80));
        }
      };

  @BeforeAll
  void startInfrastructure() throws Exception {
    assertThat(JAR).as("the packaged jar (run mvn package first)").isRegularFile();
    Files.createDirectories(LOGS);
    Runtime.getRuntime().addShutdownHook(new Thread(this::killAll));
    postgres =
        EmbeddedPostgres.builder()
            // the application's role logs in with its password; only the test's superuser is
            // trusted, so a missing or wrong SHIPDELAY_DB_PASSWORD fails the start
            .setDataDirectoryCustomizer(
                dir -> {
                  try {
                    Files.writeString(
                        dir.toPath().resolve("pg_hba.conf"),
                        """
                        local all all trust
                        host all postgres 127.0.0.1/32 trust
                        host all postgres ::1/128 trust
                        host all all 127.0.0.1/32 scram-sha-256
                        host all all ::1/128 scram-sha-256
                        """);
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("create role shipdelay login password '" + DB_PASSWORD + "'");
      sql.execute("create database shipdelay owner shipdelay");
    }
    s3Root = Files.createTempDirectory("shipdelay-it-s3");
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", s3Root.toString());
    s3 =
        S3Proxy.builder()
            .blobStore(BlobStores.create("filesystem", properties))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_ACCESS_KEY, S3_SECRET_KEY)
            .endpoint(URI.create("http://127.0.0.1:" + freePort()))
            .build();
    s3.start();
    while (!s3.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    s3Endpoint = "http://127.0.0.1:" + s3.getPort();
    log("PostgreSQL on port " + postgres.getPort() + ", S3 at " + s3Endpoint);

    a = new Node("a", null);
    a.start();
    a.awaitUp();
  }

  @AfterAll
  void stopEverything() throws Exception {
    killAll();
    if (s3 != null) {
      s3.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (s3Root != null) {
      try (Stream<Path> files = Files.walk(s3Root)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private void killAll() {
    for (Node node : nodes) {
      node.kill();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 1. One node, the whole path
  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void merchantFilesAReportThatIsApprovedAndExemptsItsOrders() throws Exception {
    Merchant merchant = createMerchant(a, "生产路径测试店");
    List<String> orders = pushOrders(a, merchant, 2);
    long id = file(a, merchant, report(orders), null);

    JsonNode inReview = awaitReport(a, merchant, id, "IN_REVIEW", Duration.ofSeconds(60));
    assertThat(events(inReview))
        .containsExactly("SUBMITTED", "VALIDATED", "EVIDENCE_COLLECTED", "IN_REVIEW");
    // the evidence went to the S3 server, and its link (signed for the public endpoint) opens it
    JsonNode evidence = inReview.get("evidence").get(0);
    HttpResponse<byte[]> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(evidence.get("downloadUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(Filing.PDF);

    JsonNode task = singleTask(a, id, REVIEWER);
    assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("Task_ReviewReport");
    assertThat(complete(a, task, REVIEWER).status()).isEqualTo(204);

    JsonNode approved = awaitExempted(a, merchant, id, Duration.ofSeconds(60));
    assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
    assertThat(events(approved))
        .containsExactly(
            "SUBMITTED",
            "VALIDATED",
            "EVIDENCE_COLLECTED",
            "IN_REVIEW",
            "APPROVED",
            "ORDERS_EXEMPTED");
    assertExempt(a, merchant, orders, id);
    assertThat(notificationTypes(a, merchant, id)).containsExactly("REPORT_APPROVED");
    assertThat(processInstances(a, id)).isEqualTo(1);
    log("1. happy path done");
  }

  // ---------------------------------------------------------------------------------------------
  // 2. SIGKILL in the middle of a batch of filings
  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(2)
  void everyAcknowledgedReportReachesReviewOnceAfterASigkillMidBatch() throws Exception {
    int count = 20;
    int killAfter = 7;
    Merchant merchant = createMerchant(a, "崩溃测试店");
    List<String> orders = pushOrders(a, merchant, count);
    // one report per order, each with its own Idempotency-Key, as a careful client files
    List<String> bodies = orders.stream().map(o -> report(List.of(o))).toList();
    List<String> keys = orders.stream().map(o -> "crash-" + o).toList();

    Map<Integer, Long> acknowledged = new ConcurrentHashMap<>();
    Map<Integer, String> unanswered = new ConcurrentHashMap<>();
    CountDownLatch enough = new CountDownLatch(killAfter);
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      clients.submit(
          () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
              try {
                Api.Response response = fileRaw(a, merchant, bodies.get(i), keys.get(i));
                if (response.status() == 201) {
                  acknowledged.put(i, response.json().get("id").asLong());
                  enough.countDown();
                } else {
                  unanswered.put(i, response.status() + " " + response.text());
                }
              } catch (Throwable e) {
                unanswered.put(i, e.toString());
              }
            }
          });
    }
    assertThat(enough.await(60, TimeUnit.SECONDS)).as("acknowledged filings").isTrue();
    a.kill();
    Instant killed = Instant.now();
    log("2. SIGKILL after " + acknowledged.size() + " acknowledged filings");
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged.size() + unanswered.size()).isEqualTo(count);
    assertThat(unanswered.values())
        .as("a refused filing is not a crash's doing")
        .allSatisfy(e -> assertThat(e).doesNotMatch("^\\d{3} .*"));
    Map<Integer, Long> beforeKill = Map.copyOf(acknowledged);
    log("2. acknowledged " + new TreeMap<>(beforeKill) + ", unanswered " + unanswered.keySet());
    log("2. jobs the dead node holds: " + lockedJobs());

    // the same database and store again; node b joins it, both with the short review time that
    // the two-node part needs (reports filed before keep the 48 hours they were given)
    a = new Node("a", SHORT_REVIEW).deliveringToLoopback();
    b = new Node("b", SHORT_REVIEW);
    // node b logs structured JSON: the one switch an operator flips
    b.environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
    a.start();
    b.start();
    a.awaitUp();
    b.awaitUp();
    Instant restarted = Instant.now();
    log("2. restarted: a on " + a.port + ", b on " + b.port);

    // the client retries what got no answer, with the same key and body: one report each
    Map<Integer, Long> retried = new TreeMap<>();
    for (int i : new TreeMap<>(unanswered).keySet()) {
      Api.Response response = fileRaw(i % 2 == 0 ? a : b, merchant, bodies.get(i), keys.get(i));
      assertThat(response.status()).as("retry of filing %s: %s", i, response.text()).isEqualTo(201);
      retried.put(i, response.json().get("id").asLong());
    }
    log("2. retried " + retried);
    Map<Integer, Long> all = new TreeMap<>(beforeKill);
    all.putAll(retried);
    assertThat(Set.copyOf(all.values())).as("one report per filing").hasSize(count);
    JsonNode listed = a.api.get("/api/v1/delay-reports?size=500", merchant.auth()).json();
    assertThat(listed.get("total").asInt()).as("the merchant's reports").isEqualTo(count);

    // every report reaches review by itself: the new nodes' job executors take over what the dead
    // one left, including the jobs it had acquired, once their lock runs out
    Map<Long, Long> secondsAfterKill = new TreeMap<>();
    Map<Long, JsonNode> reports = new TreeMap<>();
    await(
        "every report in review (a dead node's jobs wait for the job executor's lock time)",
        Duration.ofSeconds(180),
        () -> {
          for (long id : all.values()) {
            if (!reports.containsKey(id)) {
              JsonNode report =
                  (id % 2 == 0 ? a : b)
                      .api
                      .get("/api/v1/delay-reports/" + id, merchant.auth())
                      .json();
              if (Set.of("IN_REVIEW", "ESCALATED").contains(report.get("status").asText())) {
                reports.put(id, report);
                secondsAfterKill.put(id, Duration.between(killed, Instant.now()).toSeconds());
              }
            }
          }
          return reports.keySet();
        },
        inReview -> inReview.containsAll(all.values()));
    log(
        "2. every report in review "
            + Duration.between(restarted, Instant.now()).toSeconds()
            + " s after the restart; seconds after the kill, by report: "
            + secondsAfterKill);
    log("2. evidence objects in the store, by report: " + storedObjects());

    for (Map.Entry<Integer, Long> filing : all.entrySet()) {
      long id = filing.getValue();
      JsonNode report = reports.get(id);
      List<String> events = events(report);
      assertThat(events)
          .as("report %s", id)
          .startsWith("SUBMITTED", "VALIDATED", "EVIDENCE_COLLECTED", "IN_REVIEW");
      assertThat(occurrences(events, "SUBMITTED")).as("report %s", id).isEqualTo(1);
      assertThat(occurrences(events, "VALIDATED")).as("report %s", id).isEqualTo(1);
      assertThat(occurrences(events, "EVIDENCE_COLLECTED")).as("report %s", id).isEqualTo(1);
      assertThat(occurrences(events, "IN_REVIEW")).as("report %s", id).isEqualTo(1);
      assertThat(report.get("orderCount").asInt()).isEqualTo(1);
      if (beforeKill.containsKey(filing.getKey())) {
        // filed on the 48-hour node: it waits for a reviewer
        assertThat(report.get("status").asText()).as("report %s", id).isEqualTo("IN_REVIEW");
      }
      assertThat(processInstances(b, id)).as("process instances of report %s", id).isEqualTo(1);
      assertThat(openTasks(a, id, ADMIN)).as("open review tasks of %s", id).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Two nodes on one database
  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(3)
  void twoNodesStartOneInstanceEscalateOnceAndExemptOnce() throws Exception {
    int count = 8;
    Merchant merchant = createMerchant(b, "双节点测试店");
    List<String> orders = pushOrders(a, merchant, count);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(file(i % 2 == 0 ? a : b, merchant, report(List.of(orders.get(i))), null));
    }
    log("3. filed " + ids + " on a and b alternately");

    // the 5-second review time runs out; each node's job executor may fire the timers
    for (int i = 0; i < count; i++) {
      awaitReport(i % 2 == 0 ? b : a, merchant, ids.get(i), "ESCALATED", Duration.ofSeconds(150));
    }
    log("3. all escalated");

    // approvals on the other node than the filing; half of them are completed from both nodes at
    // once, as two leads clicking together would: one wins, the other is refused
    ExecutorService clicks = Executors.newFixedThreadPool(2);
    Map<Long, List<String>> doubleCompletions = new TreeMap<>();
    try {
      for (int i = 0; i < count; i++) {
        long id = ids.get(i);
        Node other = i % 2 == 0 ? b : a;
        JsonNode task = singleTask(other, id, LEAD);
        assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("Task_EscalatedReview");
        if (i % 4 < 2) {
          assertThat(complete(other, task, LEAD).status()).isEqualTo(204);
        } else {
          CyclicBarrier together = new CyclicBarrier(2);
          List<Future<Api.Response>> answers = new ArrayList<>();
          for (Node node : List.of(a, b)) {
            answers.add(
                clicks.submit(
                    () -> {
                      together.await();
                      return complete(node, task, LEAD);
                    }));
          }
          List<Integer> statuses = new ArrayList<>();
          List<String> described = new ArrayList<>();
          for (Future<Api.Response> answer : answers) {
            Api.Response response = answer.get(60, TimeUnit.SECONDS);
            statuses.add(response.status());
            described.add(response.status() + " " + response.text());
          }
          doubleCompletions.put(id, described);
          assertThat(statuses).as("completing report %s's task twice", id).containsOnlyOnce(204);
        }
      }
    } finally {
      clicks.shutdownNow();
    }
    log("3. double completions answered " + doubleCompletions);

    for (int i = 0; i < count; i++) {
      long id = ids.get(i);
      Node node = i % 2 == 0 ? a : b;
      JsonNode report = awaitExempted(node, merchant, id, Duration.ofSeconds(90));
      List<String> events = events(report);
      assertThat(events)
          .as("report %s", id)
          .containsExactly(
              "SUBMITTED",
              "VALIDATED",
              "EVIDENCE_COLLECTED",
              "IN_REVIEW",
              "ESCALATED",
              "APPROVED",
              "ORDERS_EXEMPTED");
      assertThat(notificationTypes(node, merchant, id))
          .as("notifications of report %s", id)
          .containsExactlyInAnyOrder("REVIEW_DELAYED", "REPORT_APPROVED");
      assertThat(processInstances(node, id)).as("process instances of %s", id).isEqualTo(1);
      assertExempt(node, merchant, List.of(orders.get(i)), id);
    }
    log("3. every report escalated once and exempted once");
  }

  @Test
  @Order(4)
  void noIncidentsNoFailedJobsAndNoDevelopmentCredentials() {
    assertThat(count(a, "/engine-rest/incident/count")).as("incidents").isZero();
    assertThat(count(b, "/engine-rest/job/count?withException=true")).as("failed jobs").isZero();
    // nothing of the development configuration is in the jar (the development admin password is
    // tried in the last test: a wrong password makes the engine lock the user for a while)
    assertThat(
            a.api
                .postJson(
                    "/api/v1/platform/orders", Api.bearer("dev-platform-token"), "{\"orders\":[]}")
                .status())
        .isEqualTo(401);
  }

  @Test
  @Order(5)
  void nodeBLoggedJsonWithAuditLinesAndNoSecrets() throws Exception {
    List<String> lines = Files.readAllLines(b.log);
    List<String> json = lines.stream().filter(l -> l.startsWith("{")).toList();
    assertThat(json).as("JSON log lines of node b").hasSizeGreaterThan(10);
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String line : json) {
      assertThat(mapper.readTree(line).has("message")).as(line).isTrue();
    }
    assertThat(json).anyMatch(l -> l.contains("shipdelay.audit") && l.contains("action="));
    String all = String.join("\n", lines) + String.join("\n", Files.readAllLines(a.log));
    assertThat(all)
        .doesNotContain(ADMIN_PASSWORD)
        .doesNotContain(PLATFORM_TOKEN)
        .doesNotContain(S3_SECRET_KEY)
        .doesNotContain(DB_PASSWORD);
  }

  @Test
  @Order(6)
  void withoutTheAdminPasswordTheJarStopsAtOnceNamingTheVariable() throws Exception {
    Node bare = new Node("no-admin-password", null);
    bare.environment.remove("SHIPDELAY_ADMIN_PASSWORD");
    // a database that does not exist: the refusal must come before any connection is made
    bare.environment.put(
        "SHIPDELAY_DB_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/not_created");
    bare.start();
    assertThat(bare.process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(bare.process.exitValue()).isNotZero();
    String output = Files.readString(bare.log);
    assertThat(output)
        .contains("required setting(s) not set: SHIPDELAY_ADMIN_PASSWORD")
        .doesNotContain("\tat ")
        .doesNotContain("not_created\" does not exist");
  }

  // ---------------------------------------------------------------------------------------------
  // 4. A webhook retried across a SIGKILL and a restart
  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(7)
  void aWebhookRefusedBeforeASigkillIsDeliveredOnceAfterTheRestart() throws Exception {
    // b would take over the retry; without it only the restarted a can deliver
    b.kill();
    try (Receiver receiver = new Receiver()) {
      Merchant merchant = createMerchant(a, "回调重启测试店");
      Api.Response registered =
          a.api.postJson(
              "/api/v1/webhooks",
              merchant.auth(),
              "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"REPORT_WITHDRAWN\"]}");
      assertThat(registered.status()).as(registered.text()).isEqualTo(201);
      long endpoint = registered.json().get("id").asLong();
      String secret = registered.json().get("secret").asText();
      long id = file(a, merchant, report(pushOrders(a, merchant, 1)), null);
      awaitReport(a, merchant, id, "IN_REVIEW", Duration.ofSeconds(60));
      Api.Response withdrawn =
          a.api.post("/api/v1/delay-reports/" + id + "/withdraw", merchant.auth());
      assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);

      // killed once the refusal is recorded: the delivery waits for its retry, none is in flight
      JsonNode refused =
          await(
                  "the receiver's refusal recorded in the delivery log",
                  Duration.ofSeconds(60),
                  () -> deliveries(a, merchant, endpoint),
                  log ->
                      log.size() == 1
                          && log.get(0).get("attempt").asInt() >= 1
                          && log.get(0).get("attempt").asInt() == receiver.received.size())
              .get(0);
      assertThat(refused.get("status").asText()).as(refused.toString()).isEqualTo("PENDING");
      assertThat(refused.get("responseCode").asInt()).isEqualTo(500);
      assertThat(refused.get("error").asText()).isEqualTo("HTTP_STATUS");
      assertThat(refused.get("nextAttemptAt").isNull()).isFalse();
      a.kill();
      Instant killed = Instant.now();
      log("4. SIGKILL after " + receiver.received.size() + " refused attempt(s): " + refused);

      receiver.answer = 200;
      a = new Node("a", SHORT_REVIEW).deliveringToLoopback();
      a.start();
      a.awaitUp();
      Instant restarted = Instant.now();
      // the timeout covers a lease left by a node killed mid-attempt (2 min), should that happen
      JsonNode delivered =
          await(
                  "the webhook delivered by the restarted node",
                  Duration.ofSeconds(180),
                  () -> deliveries(a, merchant, endpoint),
                  log -> log.size() == 1 && "DELIVERED".equals(log.get(0).get("status").asText()))
              .get(0);
      log(
          "4. delivered "
              + Duration.between(restarted, Instant.now()).toMillis()
              + " ms after the restart: "
              + delivered);

      List<Received> received = List.copyOf(receiver.received);
      String eventId = received.get(0).eventId();
      assertThat(received).as("attempts").hasSizeGreaterThan(1);
      assertThat(received).extracting(Received::eventId).as("event ids").containsOnly(eventId);
      assertThat(received.stream().filter(r -> r.answered() / 100 == 2))
          .as("attempts answered 2xx")
          .singleElement()
          .satisfies(r -> assertThat(r.at()).as("answered 2xx").isAfter(killed));
      for (Received attempt : received) {
        assertThat(attempt.signature())
            .as("signature of %s", attempt)
            .isEqualTo(hmac(secret, attempt.timestamp() + "." + attempt.body()));
        assertThat(Math.abs(Long.parseLong(attempt.timestamp()) - attempt.at().getEpochSecond()))
            .as("timestamp of %s", attempt)
            .isLessThanOrEqualTo(300);
        JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(attempt.body());
        assertThat(event.get("id").asText()).isEqualTo(eventId);
        assertThat(event.get("type").asText()).isEqualTo("REPORT_WITHDRAWN");
        assertThat(event.get("reportId").asLong()).isEqualTo(id);
      }
      assertThat(delivered.get("eventId").asText()).isEqualTo(eventId);
      assertThat(delivered.get("eventType").asText()).isEqualTo("REPORT_WITHDRAWN");
      assertThat(delivered.get("attempt").asInt())
          .as("tries in the delivery log")
          .isGreaterThan(1)
          .isEqualTo(received.size());
      assertThat(delivered.get("responseCode").asInt()).isEqualTo(200);
      try (Stream<Path> logs = Files.list(LOGS)) {
        for (Path log : logs.toList()) {
          assertThat(Files.readString(log)).as(log.toString()).doesNotContain(secret);
        }
      }
    }
  }

  /** The endpoint's delivery log, newest first, as the merchant reads it. */
  private static JsonNode deliveries(Node node, Merchant merchant, long endpoint) {
    Api.Response log =
        node.api.get("/api/v1/webhooks/" + endpoint + "/deliveries", merchant.auth());
    assertThat(log.status()).as(log.text()).isEqualTo(200);
    return log.json().get("items");
  }

  /** The documented recipe: {@code v1=} + hex HMAC-SHA256 keyed with the whole secret. */
  private static String hmac(String secret, String signed) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v1=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }

  record Received(
      String eventId, String timestamp, String signature, String body, int answered, Instant at) {}

  /**
   * A merchant's receiver on 127.0.0.1: records every request with the status it answered, which
   * the test switches.
   */
  private static final class Receiver implements AutoCloseable {
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile int answer = 500;
    private final HttpServer server;

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/hooks",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = answer;
            var headers = exchange.getRequestHeaders();
            received.add(
                new Received(
                    headers.getFirst("ShipDelay-Event-Id"),
                    headers.getFirst("ShipDelay-Timestamp"),
                    headers.getFirst("ShipDelay-Signature"),
                    body,
                    status,
                    Instant.now()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The application as an OS process
  // ---------------------------------------------------------------------------------------------

  private final class Node {
    final String name;
    final int port;
    final Api api;
    final Map<String, String> environment;
    final Path log;
    Process process;

    Node(String name, Duration reviewTime) throws IOException {
      this.name = name;
      this.port = freePort();
      this.api = new Api(port);
      long earlier = nodes.stream().filter(n -> n.name.equals(name)).count();
      this.log = LOGS.resolve(name + (earlier == 0 ? "" : "-" + (earlier + 1)) + ".log");
      this.environment = new LinkedHashMap<>();
      environment.put(
          "SHIPDELAY_DB_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/shipdelay");
      environment.put("SHIPDELAY_DB_USER", "shipdelay");
      environment.put("SHIPDELAY_DB_PASSWORD", DB_PASSWORD);
      environment.put("SHIPDELAY_S3_ENDPOINT", s3Endpoint);
      environment.put("SHIPDELAY_S3_PUBLIC_ENDPOINT", s3Endpoint);
      environment.put("SHIPDELAY_S3_ACCESS_KEY", S3_ACCESS_KEY);
      environment.put("SHIPDELAY_S3_SECRET_KEY", S3_SECRET_KEY);
      environment.put("SHIPDELAY_S3_BUCKET", "shipdelay-evidence-it");
      environment.put("SHIPDELAY_PLATFORM_TOKEN", PLATFORM_TOKEN);
      environment.put("SHIPDELAY_ADMIN_PASSWORD", ADMIN_PASSWORD);
      environment.put("SHIPDELAY_REVIEWER_PASSWORD", REVIEWER_PASSWORD);
      environment.put("SHIPDELAY_LEAD_PASSWORD", LEAD_PASSWORD);
      if (reviewTime != null) {
        // shipdelay.report.review-time, by Spring's relaxed binding of environment variables
        environment.put("SHIPDELAY_REPORT_REVIEWTIME", reviewTime.toString());
      }
      // the job lock (60 s in production) bounds how long a dead node's jobs wait for a survivor;
      // a third of it keeps the SIGKILL part's wait short while still far above any job's run
      environment.put(
          "CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS", String.valueOf(JOB_LOCK.toMillis()));
      environment.put("SERVER_PORT", String.valueOf(port));
      nodes.add(this);
    }

    /**
     * Lets the node deliver webhooks to the test's receiver ({@code http://127.0.0.1}, refused in
     * production) and retry the first time after {@link #FIRST_RETRY}.
     */
    Node deliveringToLoopback() {
      environment.put("SHIPDELAY_WEBHOOKS_ALLOWINSECURELOCAL", "true");
      environment.put("SHIPDELAY_WEBHOOKS_FIRSTRETRY", FIRST_RETRY.toString());
      return this;
    }

    void start() throws IOException {
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx512m",
              // a JVM flag, not configuration: C1 only, for a quicker start on two shared cores
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-jar",
              JAR.toString());
      // nothing but the operating system's basics and the application's variables
      Map<String, String> env = builder.environment();
      Map<String, String> inherited = Map.copyOf(env);
      env.clear();
      for (String basic : List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR")) {
        if (inherited.containsKey(basic)) {
          env.put(basic, inherited.get(basic));
        }
      }
      env.putAll(environment);
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      process = builder.start();
      ProductionJarIT.this.log("started node " + name + " (pid " + process.pid() + ") on " + port);
    }

    void awaitUp() {
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      Instant healthy = null;
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          printTail(120);
          throw new AssertionError(
              "node " + name + " exited with " + process.exitValue() + " while starting");
        }
        // health answers UP as soon as Tomcat listens, before the start-up listeners have made
        // the bucket, the users and the Tasklist filters: ready is when the admin sees the filters
        Api.Response health = probe(() -> api.get("/actuator/health", null));
        if (healthy == null && health != null && health.status() == 200) {
          healthy = Instant.now();
        }
        Api.Response filters =
            health == null || health.status() != 200
                ? null
                : probe(() -> api.get("/engine-rest/filter/count", ADMIN));
        if (filters != null
            && filters.status() == 200
            && filters.json().get("count").asInt() >= 4) {
          ProductionJarIT.this.log(
              "node "
                  + name
                  + " is up ("
                  + Duration.between(healthy, Instant.now()).toMillis()
                  + " ms after its health first answered 200)");
          return;
        }
        pause(500);
      }
      printTail(120);
      throw new AssertionError("node " + name + " not up within " + START_TIMEOUT);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed. */
    void kill() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void printTail(int lines) {
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        System.err.println("----- last " + lines + " lines of " + log + " -----");
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.err::println);
      } catch (IOException e) {
        System.err.println("cannot read " + log + ": " + e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP steps
  // ---------------------------------------------------------------------------------------------

  record Merchant(long id, String token) {
    String auth() {
      return Api.bearer(token);
    }

    TestData.TestMerchant asTestMerchant() {
      return new TestData.TestMerchant(id, token);
    }
  }

  private static Merchant createMerchant(Node node, String name) {
    Api.Response created =
        node.api.postJson(
            "/api/v1/admin/merchants",
            ADMIN,
            "{\"name\":\"" + name + "\",\"shipFromRegion\":\"6101\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return new Merchant(
        created.json().get("merchantId").asLong(), created.json().get("apiToken").asText());
  }

  /** Pending orders promised tomorrow, pushed as the platform pushes them. */
  private static List<String> pushOrders(Node node, Merchant merchant, int count) {
    Instant promised = Instant.now().plus(Duration.ofDays(1));
    List<String> ids = new ArrayList<>();
    String items =
        IntStream.range(0, count)
            .mapToObj(
                i -> {
                  String id = "9" + String.format("%017d", ORDER_SEQUENCE.incrementAndGet());
                  ids.add(id);
                  return """
                      {"orderId":"%s","merchantId":%d,"productId":"5001","paidAt":"%s",
                       "promisedShipAt":"%s","receivingAddress":"北京市朝阳区建国路88号",
                       "receivingRegion":"110105","status":"PENDING_SHIPMENT"}"""
                      .formatted(id, merchant.id(), promised.minus(Duration.ofDays(1)), promised);
                })
            .collect(Collectors.joining(","));
    Api.Response pushed =
        node.api.postJson("/api/v1/platform/orders", PLATFORM, "{\"orders\":[" + items + "]}");
    assertThat(pushed.status()).as(pushed.text()).isEqualTo(200);
    assertThat(pushed.json().get("upserted").asInt()).isEqualTo(count);
    return ids;
  }

  /** A special-order report for the orders, delayed by three days. */
  private static String report(List<String> orders) {
    return Filing.body("SPECIAL_ORDER", orders, Duration.ofDays(3), List.of());
  }

  /** Files with the buyer's agreement as evidence (multipart); fails unless 201. */
  private static long file(Node node, Merchant merchant, String body, String key) {
    Api.Response response = fileRaw(node, merchant, body, key);
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.json().get("id").asLong();
  }

  private static Api.Response fileRaw(Node node, Merchant merchant, String body, String key) {
    if (key == null) {
      return Filing.file(node.api, merchant.asTestMerchant(), body, "BUYER_AGREEMENT");
    }
    return node.api.multipart(
        "/api/v1/delay-reports",
        merchant.auth(),
        List.of(
            Api.Part.json("report", body),
            Api.Part.file("evidence", "买家同意.pdf", "application/pdf", Filing.PDF),
            Api.Part.json("evidenceKinds", "[\"BUYER_AGREEMENT\"]")),
        "Idempotency-Key",
        key);
  }

  private JsonNode awaitReport(
      Node node, Merchant merchant, long id, String status, Duration timeout) {
    return awaitReport(
        node, merchant, id, r -> status.equals(r.get("status").asText()), status, timeout);
  }

  private JsonNode awaitReport(
      Node node,
      Merchant merchant,
      long id,
      Predicate<JsonNode> done,
      String what,
      Duration timeout) {
    return await(
        "report " + id + " " + what,
        timeout,
        () -> node.api.get("/api/v1/delay-reports/" + id, merchant.auth()).json(),
        done);
  }

  private JsonNode awaitExempted(Node node, Merchant merchant, long id, Duration timeout) {
    return awaitReport(
        node,
        merchant,
        id,
        r -> events(r).contains("ORDERS_EXEMPTED"),
        "with its orders exempted",
        timeout);
  }

  /** The one open task of the report, as {@code user} finds it on {@code /engine-rest}. */
  private static JsonNode singleTask(Node node, long reportId, String user) {
    Api.Response tasks =
        node.api.get("/engine-rest/task?processInstanceBusinessKey=" + reportId, user);
    assertThat(tasks.status()).as(tasks.text()).isEqualTo(200);
    assertThat(tasks.json()).as("tasks of report %s", reportId).hasSize(1);
    return tasks.json().get(0);
  }

  /**
   * Diagnostics only, never asserted: the engine's jobs that carry a lock, read straight from the
   * database, to say in the log what a dead node left behind.
   */
  private String lockedJobs() {
    try (Connection connection = postgres.getDatabase("postgres", "shipdelay").getConnection();
        Statement sql = connection.createStatement();
        var rows =
            sql.executeQuery(
                """
                select e.business_key_, j.handler_cfg_, j.lock_exp_time_
                  from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_
                 where j.lock_owner_ is not null order by 1
                """)) {
      List<String> jobs = new ArrayList<>();
      while (rows.next()) {
        jobs.add(
            "report "
                + rows.getString(1)
                + " "
                + rows.getString(2)
                + " locked until "
                + rows.getTimestamp(3).toInstant());
      }
      return jobs.toString();
    } catch (Exception e) {
      return "(not read: " + e + ")";
    }
  }

  /**
   * Diagnostics only: how many objects the S3 server holds per report id (a filing killed after its
   * upload leaves one that no report row names, for the orphan sweep).
   */
  private Map<Long, Long> storedObjects() {
    Path reports = s3Root.resolve("shipdelay-evidence-it").resolve("reports");
    try (Stream<Path> files = Files.walk(reports)) {
      return files
          .filter(Files::isRegularFile)
          .collect(
              Collectors.groupingBy(
                  f -> Long.parseLong(reports.relativize(f).getName(0).toString()),
                  TreeMap::new,
                  Collectors.counting()));
    } catch (IOException e) {
      log("evidence objects not read: " + e);
      return Map.of();
    }
  }

  private static long openTasks(Node node, long reportId, String user) {
    return count(node, "/engine-rest/task/count?processInstanceBusinessKey=" + reportId, user);
  }

  private static Api.Response complete(Node node, JsonNode task, String user) {
    return node.api.postJson(
        "/engine-rest/task/" + task.get("id").asText() + "/complete",
        user,
        "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"证据充分\"}}}");
  }

  /** Every process instance the report ever had, running or finished. */
  private static long processInstances(Node node, long reportId) {
    return count(
        node, "/engine-rest/history/process-instance/count?processInstanceBusinessKey=" + reportId);
  }

  private static long count(Node node, String path) {
    return count(node, path, ADMIN);
  }

  private static long count(Node node, String path, String user) {
    Api.Response response = node.api.get(path, user);
    assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
    return response.json().get("count").asLong();
  }

  private static void assertExempt(Node node, Merchant merchant, List<String> orders, long id) {
    for (String order : orders) {
      JsonNode view = node.api.get("/api/v1/orders/" + order, merchant.auth()).json();
      assertThat(view.get("exemption").get("source").asText())
          .as(view.toString())
          .isEqualTo("REPORT");
      assertThat(view.get("exemption").get("refId").asLong()).isEqualTo(id);
    }
  }

  private static List<String> notificationTypes(Node node, Merchant merchant, long reportId) {
    JsonNode inbox = node.api.get("/api/v1/notifications?size=500", merchant.auth()).json();
    return StreamSupport.stream(inbox.get("items").spliterator(), false)
        .filter(n -> n.get("reportId").asLong() == reportId)
        .map(n -> n.get("type").asText())
        .toList();
  }

  private static List<String> events(JsonNode report) {
    return StreamSupport.stream(report.get("timeline").spliterator(), false)
        .map(e -> e.get("event").asText())
        .toList();
  }

  private static long occurrences(List<String> events, String event) {
    return events.stream().filter(event::equals).count();
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing
  // ---------------------------------------------------------------------------------------------

  /** Polls until {@code done} holds, or fails with the last value seen after {@code timeout}. */
  private <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
    Instant deadline = Instant.now().plus(timeout);
    T last = null;
    while (true) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "waited " + timeout.toSeconds() + " s for " + what + "; last: " + last);
      }
      pause(250);
    }
  }

  private static Api.Response probe(Supplier<Api.Response> request) {
    try {
      return request.get();
    } catch (AssertionError connectionRefused) {
      return null;
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void log(String message) {
    System.out.printf("[ProductionJarIT %5.1f s] %s%n", (System.nanoTime() - began) / 1e9, message);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path packagedJar() {
    String configured = System.getProperty("shipdelay.jar");
    if (configured != null) {
      return Path.of(configured);
    }
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("shipdelay-.*\\.jar"))
          .findFirst()
          .orElse(Path.of("target", "shipdelay.jar"));
    } catch (IOException e) {
      return Path.of("target", "shipdelay.jar");
    }
  }

  /**
   * Last, because a wrong password makes the engine lock the admin user for a while, which would
   * turn the admin calls of any later test into 401s.
   */
  @Test
  @Order(8)
  void theDevelopmentAdminPasswordIsNotInTheJar() {
    assertThat(
            a.api.get("/api/v1/admin/merchants", Api.basic("admin", "admin-dev-password")).status())
        .isEqualTo(401);
  }
}
