package cn.dsflow.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server standing in for the three platforms' robot endpoints: records each call, answers as told. */
final class ChatRobotStub implements AutoCloseable {

  record Call(String path, String query, String body) {}

  private final HttpServer server;
  final List<Call> calls = new CopyOnWriteArrayList<>();
  volatile int status = 200;
  volatile String answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";

  ChatRobotStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      calls.add(new Call(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), body));
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
  }

  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
