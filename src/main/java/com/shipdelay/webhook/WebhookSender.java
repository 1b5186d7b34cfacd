package com.shipdelay.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to a checked {@link WebhookUrlPolicy.Target}: it connects to the address the
 * policy checked, never resolving the host again, and verifies the TLS certificate against the host
 * name (SNI and endpoint identification as a browser does).
 *
 * <p>Why not {@code java.net.http.HttpClient}: on Java 17 it always resolves the host itself, so a
 * DNS answer that changed after the check (DNS rebinding) would be what it connects to; giving it
 * the IP instead needs the restricted {@code Host} header, a JVM-wide switch read once at class
 * load. A webhook needs only the status line, so this sends the request, reads the status and
 * closes: redirects are never followed (a 3xx is a failure), and the whole attempt, connection and
 * TLS handshake included, is cut off at the request timeout by a watchdog that closes the socket,
 * so a receiver that trickles bytes cannot hold the thread longer.
 */
final class WebhookSender {

  /** How an attempt ended: a status code (or null when none came), the time taken, the error. */
  record Outcome(Integer responseCode, long latencyMs, String error) {
    boolean success() {
      return error == null;
    }
  }

  private static final int MAX_HEAD_BYTES = 16 * 1024;

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "webhook-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final SSLSocketFactory tls;
  private final Duration connectTimeout;
  private final Duration requestTimeout;

  WebhookSender(SSLSocketFactory tls, Duration connectTimeout, Duration requestTimeout) {
    this.tls = tls;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  Outcome post(WebhookUrlPolicy.Target target, Map<String, String> headers, byte[] body) {
    long start = System.nanoTime();
    long deadline = start + requestTimeout.toNanos();
    Socket raw = new Socket();
    ScheduledFuture<?> watchdog =
        WATCHDOG.schedule(() -> closeQuietly(raw), requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
    Socket socket = raw;
    try {
      int connectMillis = (int) Math.min(connectTimeout.toMillis(), requestTimeout.toMillis());
      raw.connect(new InetSocketAddress(target.address(), target.port()), connectMillis);
      if (target.tls()) {
        socket = handshake(raw, target, deadline);
      }
      OutputStream out = socket.getOutputStream();
      out.write(head(target, headers, body.length));
      out.write(body);
      out.flush();
      int status = readStatus(socket, deadline);
      long latency = millisSince(start);
      if (status >= 200 && status < 300) {
        return new Outcome(status, latency, null);
      }
      return new Outcome(
          status, latency, status >= 300 && status < 400 ? "REDIRECT" : "HTTP_STATUS");
    } catch (SocketTimeoutException e) {
      return new Outcome(null, millisSince(start), "TIMEOUT");
    } catch (ConnectException e) {
      return new Outcome(null, millisSince(start), "CONNECTION_REFUSED");
    } catch (SSLException e) {
      return new Outcome(
          null, millisSince(start), System.nanoTime() >= deadline ? "TIMEOUT" : "TLS_ERROR");
    } catch (IOException e) {
      // the watchdog closing the socket shows as "socket closed" in whatever was blocked
      return new Outcome(
          null, millisSince(start), System.nanoTime() >= deadline ? "TIMEOUT" : "CONNECTION_ERROR");
    } finally {
      watchdog.cancel(false);
      closeQuietly(socket);
      closeQuietly(raw);
    }
  }

  private SSLSocket handshake(Socket raw, WebhookUrlPolicy.Target target, long deadline)
      throws IOException {
    // the host name, not the address, is what the certificate must name
    SSLSocket ssl = (SSLSocket) tls.createSocket(raw, target.host(), target.port(), true);
    SSLParameters parameters = ssl.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!target.host().equals(target.address().getHostAddress()) && !target.host().contains(":")) {
      parameters.setServerNames(List.of(new SNIHostName(target.host())));
    }
    ssl.setSSLParameters(parameters);
    ssl.setSoTimeout(remainingMillis(deadline));
    ssl.startHandshake();
    return ssl;
  }

  private static byte[] head(
      WebhookUrlPolicy.Target target, Map<String, String> headers, int length) {
    StringBuilder head = new StringBuilder();
    head.append("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(target.hostHeader()).append("\r\n");
    head.append("User-Agent: ShipDelay-Webhooks/1\r\n");
    head.append("Content-Type: application/json\r\n");
    head.append("Content-Length: ").append(length).append("\r\n");
    head.append("Connection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The final status code; interim 1xx answers are skipped. */
  private static int readStatus(Socket socket, long deadline) throws IOException {
    InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1024);
    int[] budget = {MAX_HEAD_BYTES};
    while (true) {
      socket.setSoTimeout(remainingMillis(deadline));
      String line = readLine(in, budget);
      if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
        throw new IOException("not an HTTP/1.x status line");
      }
      int status;
      try {
        status = Integer.parseInt(line.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new IOException("no status code");
      }
      if (status >= 200 || status < 100) {
        return status;
      }
      while (!readLine(in, budget).isEmpty()) {
        socket.setSoTimeout(remainingMillis(deadline)); // headers of the interim answer
      }
    }
  }

  private static String readLine(InputStream in, int[] budget) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed before the status line");
      }
      if (--budget[0] < 0) {
        throw new IOException("response head too long");
      }
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) c);
    }
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0) {
      throw new SocketTimeoutException("request timeout");
    }
    return (int) left;
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all that is left to do
    }
  }
}
