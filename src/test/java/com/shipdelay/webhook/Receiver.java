package com.shipdelay.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real webhook receiver on 127.0.0.1 for the tests: it records every request and answers as
 * {@link #answer} says. It can be stopped (a receiver that is down) and started again on its port.
 */
final class Receiver implements AutoCloseable {

  /** A request as the receiver saw it. */
  record Request(String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** How the receiver answers one request. */
  interface Answer {
    void answer(HttpExchange exchange) throws IOException, InterruptedException;
  }

  static Answer status(int code) {
    return exchange -> {
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
    };
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  volatile Answer answer = status(200);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private HttpServer server;
  private int port;

  Receiver start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          requests.add(
              new Request(
                  exchange.getRequestURI().toString(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          try {
            answer.answer(exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            exchange.close();
          }
        });
    server.start();
    port = server.getAddress().getPort();
    return this;
  }

  void stop() {
    server.stop(0);
  }

  int port() {
    return port;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  List<Request> requestsTo(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    stop();
    threads.shutdownNow();
  }
}
