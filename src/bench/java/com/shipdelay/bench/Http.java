package com.shipdelay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP/1.1 client for the benchmarks: real requests over the loopback. */
final class Http {

  record Response(int status, String body, double millis) {}

  private final HttpClient client;
  private final String base;

  Http(int port, int threads) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, threads)))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.base = "http://127.0.0.1:" + port;
  }

  Response get(String path, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  /** One part of a multipart body: in memory, or streamed from a file. */
  record Part(String name, String fileName, String contentType, byte[] bytes, Path file) {
    static Part json(String name, String json) {
      return new Part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8), null);
    }

    static Part bytes(String name, String fileName, String contentType, byte[] bytes) {
      return new Part(name, fileName, contentType, bytes, null);
    }

    static Part file(String name, String fileName, String contentType, Path file) {
      return new Part(name, fileName, contentType, null, file);
    }
  }

  /** A multipart POST whose file parts are streamed from disk, never held whole in the heap. */
  Response multipart(String path, String token, List<Part> parts) {
    String boundary = "----shipdelaybench" + System.nanoTime();
    List<HttpRequest.BodyPublisher> pieces = new ArrayList<>();
    try {
      for (Part part : parts) {
        StringBuilder head = new StringBuilder("--" + boundary + "\r\n");
        head.append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
        if (part.fileName() != null) {
          head.append("; filename=\"").append(part.fileName()).append('"');
        }
        head.append("\r\nContent-Type: ").append(part.contentType()).append("\r\n\r\n");
        pieces.add(
            HttpRequest.BodyPublishers.ofByteArray(
                head.toString().getBytes(StandardCharsets.UTF_8)));
        pieces.add(
            part.file() != null
                ? HttpRequest.BodyPublishers.ofFile(part.file())
                : HttpRequest.BodyPublishers.ofByteArray(part.bytes()));
        pieces.add(HttpRequest.BodyPublishers.ofString("\r\n"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pieces.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .timeout(Duration.ofMinutes(5))
            .POST(
                HttpRequest.BodyPublishers.concat(pieces.toArray(HttpRequest.BodyPublisher[]::new)))
            .build());
  }

  private Response send(HttpRequest request) {
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body(), (System.nanoTime() - t0) / 1e6);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
