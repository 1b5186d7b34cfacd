package com.shipdelay.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session with the Camunda webapps, as Tasklist holds it: the session cookie and the
 * CSRF token from the login, sent with every request.
 */
public final class WebappSession {

  private final String base;
  private final HttpClient client;
  private String xsrf;

  private WebappSession(int port) {
    this.base = "http://localhost:" + port;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .build();
  }

  /** A session with no user logged in. */
  public static WebappSession anonymous(int port) {
    WebappSession session = new WebappSession(port);
    session.send("GET", "/camunda/app/tasklist/default/", null);
    session.xsrf = session.cookie("XSRF-TOKEN");
    return session;
  }

  /** Logs in to Tasklist as the given user. */
  public static WebappSession login(int port, String user, String password) {
    WebappSession session = anonymous(port);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(session.base + "/camunda/api/admin/auth/user/default/login/tasklist"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", session.xsrf)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "username="
                        + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)))
            .build();
    Api.Response login = session.exchange(request);
    if (login.status() != 200) {
      throw new AssertionError("login as " + user + ": " + login.status() + " " + login.text());
    }
    // the login starts a new session, whose first request is given a new CSRF token
    session.send("GET", "/camunda/api/admin/auth/user/default", null);
    session.xsrf = session.cookie("XSRF-TOKEN");
    return session;
  }

  /** A request with the session's cookies and CSRF header; {@code json} may be null. */
  public Api.Response send(String method, String path, String json) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (xsrf != null) {
      builder.header("X-XSRF-TOKEN", xsrf);
    }
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    builder.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return exchange(builder.build());
  }

  private Api.Response exchange(HttpRequest request) {
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Api.Response(
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

  private String cookie(String name) {
    return ((CookieManager) client.cookieHandler().orElseThrow())
        .getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals(name))
            .map(HttpCookie::getValue)
            .reduce((a, b) -> b)
            .orElse(null);
  }
}
