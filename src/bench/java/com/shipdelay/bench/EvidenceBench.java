package com.shipdelay.bench;

import com.shipdelay.evidence.StorageSettings;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Part 5: 20 evidence uploads of 10 MB at once through POST /api/v1/delay-reports/{id}/evidence
 * into the S3 server, against the same MinIO client library's {@code putObject} of the same file to
 * the same S3 server and bucket, with no application in between.
 */
final class EvidenceBench {

  static final int UPLOADS = Integer.getInteger("bench.evidence.uploads", 20);
  static final int SIZE = Integer.getInteger("bench.evidence.bytes", 10 * 1024 * 1024);
  static final int REPEATS = Integer.getInteger("bench.repeats", 3);
  static final double MB = 1024.0 * 1024.0;

  private EvidenceBench() {}

  static BenchSupport.Output run(boolean durable) throws Exception {
    BenchSupport.Output out = new BenchSupport.Output();
    Path dir = Files.createTempDirectory("evidence-bench");
    Path source = dir.resolve("evidence.pdf");
    byte[] bytes = new byte[SIZE];
    new Random(7).nextBytes(bytes);
    byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, bytes, 0, head.length);
    Files.write(source, bytes);
    bytes = null;
    try (App app = App.start(durable)) {
      String db = app.database();
      Http http = new Http(app.port, UPLOADS);
      String token = "sdm_evidence_1";
      List<Long> reports = reports(app, http, token);

      StorageSettings storage = app.bean(StorageSettings.class);
      MinioClient direct =
          MinioClient.builder()
              .endpoint(storage.endpoint())
              .credentials(storage.accessKey(), storage.secretKey())
              .build();
      // one unmeasured round of each, then the measured repeats, alternating
      putObjectRound(direct, storage.bucket(), source);
      uploadRound(http, token, reports, source);
      List<Double> local = new ArrayList<>();
      List<Double> s3 = new ArrayList<>();
      for (int rep = 0; rep < REPEATS; rep++) {
        local.add(BenchSupport.round(putObjectRound(direct, storage.bucket(), source)));
        s3.add(BenchSupport.round(uploadRound(http, token, reports, source)));
        BenchSupport.log(
            "evidence rep %d: API→S3 %.0f MB/s, putObject %.0f MB/s",
            rep, s3.get(rep), local.get(rep));
      }
      // heap: a separate round, with a full GC every 100 ms while the uploads are in flight
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long idle = memory.getHeapMemoryUsage().getUsed();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong peakLive = new AtomicLong(idle);
      AtomicLong peakRaw = new AtomicLong(idle);
      Thread sampler =
          new Thread(
              () -> {
                long nextGc = System.nanoTime();
                while (running.get()) {
                  peakRaw.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  if (System.nanoTime() >= nextGc) {
                    System.gc();
                    peakLive.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    nextGc = System.nanoTime() + 100_000_000L;
                  }
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.start();
      double heapRate = uploadRound(http, token, reports, source);
      running.set(false);
      sampler.join();
      double growth = (peakLive.get() - idle) / MB;
      double rawGrowth = (peakRaw.get() - idle) / MB;
      long stored =
          app.jdbc
              .sql("select count(*) from evidence where size = ?")
              .param((long) SIZE)
              .query(Long.class)
              .single();
      double o = BenchSupport.median(s3);
      double b = BenchSupport.median(local);
      out.rows()
          .add(
              new BenchSupport.Row(
                  "5 Evidence",
                  UPLOADS + " uploads of " + (SIZE / MB) + " MB at once: throughput",
                  BenchSupport.f(o) + " MB/s (API → S3)",
                  BenchSupport.f(b) + " MB/s (MinIO client putObject, no application)",
                  BenchSupport.round(o / b),
                  "≥ 0.5× the putObject rate",
                  o / b >= 0.5,
                  db,
                  "median of "
                      + REPEATS
                      + " rounds after 1 warm-up round; API "
                      + s3
                      + ", putObject "
                      + local
                      + " MB/s; "
                      + stored
                      + " objects stored"));
      out.rows()
          .add(
              new BenchSupport.Row(
                  "5 Evidence",
                  "heap growth with all " + UPLOADS + " uploads in flight",
                  BenchSupport.f(growth) + " MB live (after full GC)",
                  "-",
                  null,
                  "< 32 MB",
                  growth < 32,
                  db,
                  "full GC every 100 ms during a separate round ("
                      + BenchSupport.f(heapRate)
                      + " MB/s with the GCs); peak heap used without collecting, garbage"
                      + " included: +"
                      + BenchSupport.f(rawGrowth)
                      + " MB. Client and server share the JVM; the client streams from disk."));
      var env = app.context.getEnvironment();
      out.sections()
          .put(
              "Evidence: how",
              "Client and server in one JVM (-Xmx1g); the client streams each file from disk"
                  + " (BodyPublishers.ofFile), so the heap it adds is its socket buffers. The"
                  + " baseline puts the same source file "
                  + UPLOADS
                  + " times at once from "
                  + UPLOADS
                  + " threads with a MinIO client of the same version (putObject of a"
                  + " FileInputStream of known size) straight into the same bucket of the same"
                  + " s3proxy server: the S3 cost without the application. Multipart settings:"
                  + " max-file-size "
                  + env.getProperty("spring.servlet.multipart.max-file-size")
                  + ", max-request-size "
                  + env.getProperty("spring.servlet.multipart.max-request-size")
                  + ", file-size-threshold "
                  + env.getProperty("spring.servlet.multipart.file-size-threshold", "0 (default)")
                  + " (every part goes to a temp file on disk).");
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(p -> p.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
    return out;
  }

  /** A merchant with one filed report per upload slot, each already in review. */
  static List<Long> reports(App app, Http http, String token) throws Exception {
    app.jdbc
        .sql(
            "insert into merchant (name, ship_from_region, token_hash)"
                + " values ('凭证压测店', '610113', encode(sha256(convert_to(?, 'UTF8')), 'hex'))")
        .param(token)
        .update();
    app.jdbc
        .sql(
            """
            insert into orders (order_id, merchant_id, product_id, paid_at, promised_ship_at,
                                receiving_address, receiving_region, ship_from_region, status)
            select '28' || lpad(n::text, 14, '0'), m.id, '7001', now() - interval '1 day', ?,
                   '测试地址' || n, '610113', '610113', 'PENDING_SHIPMENT'
              from generate_series(1, ?) as n join merchant m on m.name = '凭证压测店'
            """)
        .params(Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)), UPLOADS)
        .update();
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= UPLOADS; i++) {
      String json =
          """
          {"type":"MERCHANT_FACTOR","delayUntil":"%s","reason":"价格设置错误","orderIds":["%s"]}"""
              .formatted(Instant.now().plus(3, ChronoUnit.DAYS), String.format("28%014d", i));
      Http.Response r =
          http.multipart(
              "/api/v1/delay-reports",
              token,
              List.of(
                  Http.Part.json("report", json),
                  Http.Part.bytes("evidence", "定价证明.pdf", "application/pdf", SubmissionBench.PDF),
                  Http.Part.json("evidenceKinds", "[\"PRICING_PROOF\"]")));
      if (r.status() != 201) {
        throw new IllegalStateException("filing answered " + r.status() + ": " + r.body());
      }
      ids.add(BenchSupport.JSON.readTree(r.body()).get("id").asLong());
    }
    for (int i = 0; i < 600; i++) {
      long waiting =
          app.jdbc
              .sql("select count(*) from delay_report where id = any(?) and status = 'SUBMITTED'")
              .param(ids.toArray(Long[]::new))
              .query(Long.class)
              .single();
      if (waiting == 0) {
        break;
      }
      Thread.sleep(100);
    }
    return ids;
  }

  /** Every upload at once, one per report; answers MB/s over the whole round. */
  static double uploadRound(Http http, String token, List<Long> reports, Path source)
      throws Exception {
    List<Callable<Integer>> calls = new ArrayList<>();
    for (long id : reports) {
      calls.add(
          () ->
              http.multipart(
                      "/api/v1/delay-reports/" + id + "/evidence",
                      token,
                      List.of(
                          Http.Part.file("evidence", "大文件凭证.pdf", "application/pdf", source),
                          Http.Part.json("evidenceKinds", "[\"PRICING_PROOF\"]")))
                  .status());
    }
    return round(calls, reports.size());
  }

  /** The baseline: the same file put by the MinIO client itself, every put at once. */
  static double putObjectRound(MinioClient client, String bucket, Path source) throws Exception {
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      String key = "bench-baseline/" + UUID.randomUUID();
      calls.add(
          () -> {
            try (InputStream in = Files.newInputStream(source)) {
              client.putObject(
                  PutObjectArgs.builder().bucket(bucket).object(key).stream(in, SIZE, -1)
                      .contentType("application/pdf")
                      .build());
            }
            return 200;
          });
    }
    return round(calls, UPLOADS);
  }

  private static double round(List<Callable<Integer>> calls, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      long t0 = System.nanoTime();
      List<Future<Integer>> results = pool.invokeAll(calls);
      double seconds = (System.nanoTime() - t0) / 1e9;
      for (Future<Integer> f : results) {
        if (f.get() != 200) {
          throw new IllegalStateException("an upload answered " + f.get());
        }
      }
      return count * SIZE / MB / seconds;
    } finally {
      pool.shutdown();
    }
  }
}
