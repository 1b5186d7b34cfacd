package com.shipdelay.evidence;

import io.minio.BucketExistsArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The S3 bucket that holds evidence files, through the MinIO client. */
@Component
class ObjectStore {

  private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

  private final MinioClient client;
  private final MinioClient linkSigner;
  private final StorageSettings settings;

  ObjectStore(StorageSettings settings) {
    this.settings = settings;
    this.client =
        MinioClient.builder()
            .endpoint(settings.endpoint())
            .credentials(settings.accessKey(), settings.secretKey())
            .build();
    // signs links for the public address; with the region given it never calls the store
    this.linkSigner =
        MinioClient.builder()
            .endpoint(settings.publicEndpoint())
            .region("us-east-1")
            .credentials(settings.accessKey(), settings.secretKey())
            .build();
  }

  private volatile boolean bucketReady;

  /**
   * Makes sure the bucket exists, at start and then every 30 seconds until it does. A store that is
   * down at start does not stop the application: filing by JSON, reviews, timers and exemptions go
   * on, health shows the store DOWN, and the bucket is created when the store answers.
   */
  @EventListener(ApplicationStartedEvent.class)
  @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
  void ensureBucket() {
    if (bucketReady) {
      return;
    }
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket()).build());
        log.info("Created bucket '{}' at {}", settings.bucket(), settings.endpoint());
      }
      bucketReady = true;
    } catch (Exception e) {
      log.warn(
          "Object store {} not ready ({}); evidence uploads answer 503 until it is, retrying in 30 s",
          settings.endpoint(),
          e.toString());
    }
  }

  /** Whether the store answered "no such object" (or bucket): a real answer, not an outage. */
  static boolean isMissing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.minio.errors.ErrorResponseException response) {
        String code = response.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code);
      }
    }
    return false;
  }

  /** Streams an object of unknown or known size; the client uploads in parts, never all at once. */
  public void put(String key, InputStream content, long size, String contentType) throws Exception {
    client.putObject(
        PutObjectArgs.builder().bucket(settings.bucket()).object(key).stream(
                content, size, size < 0 ? 10L * 1024 * 1024 : -1)
            .contentType(contentType)
            .build());
  }

  /**
   * Uploads a file; the client reads each part from the file, not from a heap buffer. Answers the
   * object's ETag, which a later {@link #stat} compares to tell the object was not replaced.
   */
  String putFile(String key, java.nio.file.Path file, String contentType) throws Exception {
    return client
        .uploadObject(
            io.minio.UploadObjectArgs.builder()
                .bucket(settings.bucket())
                .object(key)
                .filename(file.toString())
                .contentType(contentType)
                .build())
        .etag();
  }

  public StatObjectResponse stat(String key) throws Exception {
    return client.statObject(
        StatObjectArgs.builder().bucket(settings.bucket()).object(key).build());
  }

  public InputStream get(String key) throws Exception {
    return client.getObject(
        io.minio.GetObjectArgs.builder().bucket(settings.bucket()).object(key).build());
  }

  public void remove(String key) throws Exception {
    client.removeObject(RemoveObjectArgs.builder().bucket(settings.bucket()).object(key).build());
  }

  /** A GET link that works for at most the configured time (15 minutes at most). */
  String presignedGet(String key) throws Exception {
    Duration ttl = settings.linkTtl();
    return linkSigner.getPresignedObjectUrl(
        GetPresignedObjectUrlArgs.builder()
            .method(Method.GET)
            .bucket(settings.bucket())
            .object(key)
            .expiry((int) ttl.toSeconds())
            .build());
  }

  /** Keys under {@code prefix} last modified before {@code before}. */
  List<String> keysOlderThan(String prefix, Instant before) throws Exception {
    List<String> keys = new ArrayList<>();
    for (Result<Item> result :
        client.listObjects(
            ListObjectsArgs.builder()
                .bucket(settings.bucket())
                .prefix(prefix)
                .recursive(true)
                .build())) {
      Item item = result.get();
      if (!item.isDir() && item.lastModified().toInstant().isBefore(before)) {
        keys.add(item.objectName());
      }
    }
    return keys;
  }

  /** For the health indicator: is the bucket reachable? */
  boolean bucketReachable() throws Exception {
    return client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build());
  }

  String bucket() {
    return settings.bucket();
  }
}
