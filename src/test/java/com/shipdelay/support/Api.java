package com.shipdelay.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** A plain HTTP client for the running application: real requests, no MockMvc shortcuts. */
public final class Api {

  /** The development users of application-embedded.yml, as HTTP Basic headers. */
  public static final String ADMIN = basic("admin", "admin-dev-password");

  public static final String REVIEWER = basic("reviewer", "reviewer-dev-password");
  public static final String LEAD = basic("lead", "lead-dev-password");

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;

  public Api(int port) {
    this.base = "http://localhost:" + port;
  }

  public record Response(
      int status, String contentType, String text, java.net.http.HttpHeaders headers) {
    public Response(int status, String contentType, String text) {
      this(
          status,
          contentType,
          text,
          java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true));
    }

    public String header(String name) {
      return headers.firstValue(name).orElse("");
    }

    public JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }
  }

  /** A binary answer, such as a spreadsheet download. */
  public record BinaryResponse(int status, java.net.http.HttpHeaders headers, byte[] body) {
    public String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  public BinaryResponse getBytes(String path, String authorization) {
    try {
      HttpResponse<byte[]> response =
          CLIENT.send(
              request(path, authorization).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return new BinaryResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Response get(String path, String authorization) {
    return send(request(path, authorization).GET());
  }

  public Response postJson(String path, String authorization, String body, String... headers) {
    HttpRequest.Builder builder =
        request(path, authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder);
  }

  public Response post(String path, String authorization, String contentType, byte[] body) {
    return send(
        request(path, authorization)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** One part of a multipart body. */
  public record Part(String name, String fileName, String contentType, byte[] content) {
    public static Part json(String name, String json) {
      return new Part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static Part file(String name, String fileName, String contentType, byte[] content) {
      return new Part(name, fileName, contentType, content);
    }
  }

  public Response multipart(
      String path, String authorization, List<Part> parts, String... headers) {
    String boundary = "----shipdelay" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Part part : parts) {
      StringBuilder head = new StringBuilder("--" + boundary + "\r\n");
      head.append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
      if (part.fileName() != null) {
        head.append("; filename=\"").append(part.fileName()).append('"');
      }
      head.append("\r\nContent-Type: ").append(part.contentType()).append("\r\n\r\n");
      body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      body.writeBytes(part.content());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder builder =
        request(path, authorization)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder);
  }

  /** Any method, with an optional JSON body (null for none). */
  public Response send(String method, String path, String authorization, String json) {
    HttpRequest.Builder builder = request(path, authorization);
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    return send(
        builder.method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response post(String path, String authorization) {
    return send(request(path, authorization).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
