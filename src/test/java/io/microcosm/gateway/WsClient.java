package io.microcosm.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client for tests: sends text, collects the server's JSON messages in order. */
final class WsClient implements WebSocket.Listener, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;
  volatile boolean closed;
  volatile int closeCode;

  private WsClient(URI uri) {
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, this).join();
  }

  static WsClient connect(int port, String token, long since) {
    String query = "token=" + token + (since >= 0 ? "&since=" + since : "");
    return new WsClient(URI.create("ws://127.0.0.1:" + port + "/ws/play?" + query));
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next message satisfying {@code wanted}, skipping others (they stay in {@link #seen}). */
  JsonNode await(Predicate<JsonNode> wanted, String what) {
    JsonNode found = poll(wanted, Duration.ofSeconds(15));
    if (found == null) {
      throw new AssertionError("no " + what + " within 15 s; seen: " + seen);
    }
    return found;
  }

  /** The next message satisfying {@code wanted} within {@code wait}, or null. */
  JsonNode poll(Predicate<JsonNode> wanted, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        JsonNode next = received.poll(20, TimeUnit.MILLISECONDS);
        if (next != null) {
          seen.add(next);
          if (wanted.test(next)) {
            return next;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  String lastReplyText(String capability) {
    for (int i = seen.size() - 1; i >= 0; i--) {
      JsonNode m = seen.get(i);
      if (m.path("type").asText().equals("reply") && m.path("capability").asText().equals(capability)) {
        return m.path("text").asText();
      }
    }
    return "";
  }

  JsonNode awaitType(String type) {
    return await(m -> m.path("type").asText().equals(type), type);
  }

  JsonNode awaitReply(String capability) {
    return await(m -> m.path("type").asText().equals("reply") && m.path("capability").asText().equals(capability),
        "reply to " + capability);
  }

  List<JsonNode> seen() {
    return seen;
  }

  long lastSeq() {
    return seen.stream().mapToLong(m -> m.path("seq").asLong(-1)).max().orElse(-1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        received.add(JSON.readTree(partial.toString()));
      } catch (Exception e) {
        throw new AssertionError("the server sent something that is not JSON: " + partial, e);
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed = true;
    closeCode = statusCode;
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed = true;
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
