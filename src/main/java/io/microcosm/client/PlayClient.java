package io.microcosm.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * A terminal client: logs in (or registers), connects to {@code /ws/play}, prints what the world
 * says and sends what you type. {@code scripts/play} runs it.
 */
public final class PlayClient implements WebSocket.Listener {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;
  private final StringBuilder partial = new StringBuilder();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile long lastHeard = System.currentTimeMillis();

  private PlayClient(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 8080;
    String user = null;
    boolean register = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--register" -> register = true;
        case "--help", "-h" -> {
          System.out.println("Usage: scripts/play [--host H] [--port P] [--register] USER\n"
              + "The password is asked for, or taken from MICROCOSM_PASSWORD. --register creates the account first.");
          return;
        }
        default -> user = args[i];
      }
    }
    if (user == null) {
      System.err.println("Name the user to play as: scripts/play [--register] USER (see --help).");
      System.exit(2);
    }
    String password = password();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String base = "http://" + host + ":" + port;
    String credentials = JSON.writeValueAsString(Map.of("user", user, "password", password));
    if (register) {
      HttpResponse<String> created = post(http, base + "/api/accounts", credentials);
      if (created.statusCode() != 201) {
        fail("Could not register: " + message(created.body()));
      }
    }
    HttpResponse<String> login = post(http, base + "/api/sessions", credentials);
    if (login.statusCode() != 200) {
      fail("Could not log in: " + message(login.body()));
    }
    String token = JSON.readTree(login.body()).path("token").asText();
    PlayClient client = new PlayClient(System.out);
    WebSocket socket = http.newWebSocketBuilder()
        .buildAsync(URI.create("ws://" + host + ":" + port + "/ws/play?token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8)), client)
        .join();
    System.out.println("Connected as " + user + ". Type what you want to do; 'help' lists what works here; "
        + "'quit' leaves.");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && client.closed.getCount() > 0) {
      if (line.strip().equalsIgnoreCase("quit")) {
        break;
      }
      if (!line.isBlank()) {
        socket.sendText(line, true).join();
      }
    }
    // Let answers to the last lines arrive (input may be piped in faster than the world replies).
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - client.lastHeard < 1_000) {
      Thread.sleep(100);
    }
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  private static String password() throws IOException {
    String fromEnv = System.getenv("MICROCOSM_PASSWORD");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    Console console = System.console();
    if (console != null) {
      return new String(console.readPassword("Password: "));
    }
    System.out.print("Password: ");
    return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
  }

  private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
      URI where = URI.create(url);
      fail("No Microcosm node answers at " + where.getHost() + ":" + where.getPort()
          + ". Start one with scripts/run (it prints the port to play on), or pass --host/--port.");
      throw e;
    }
  }

  private static String message(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n.path("error").asText(body);
    } catch (IOException e) {
      return body;
    }
  }

  private static void fail(String text) {
    System.err.println(text);
    System.exit(1);
  }

  /** One server message as a player reads it. */
  static String render(JsonNode m) {
    String type = m.path("type").asText();
    return switch (type) {
      case "reply", "world_update", "notification" -> m.path("text").asText();
      case "chat_message" -> switch (m.path("channel").asText()) {
        case "tell" -> m.path("from").asText() + " tells you: " + m.path("text").asText();
        case "shout" -> m.path("from").asText() + " shouts: " + m.path("text").asText();
        default -> m.path("from").asText() + " says: " + m.path("text").asText();
      };
      case "status_update" -> {
        JsonNode s = m.path("status");
        yield String.format("[HP %d/%d  MP %d/%d  SP %d/%d  level %d]", s.path("hp").asInt(), s.path("hpMax").asInt(),
            s.path("mp").asInt(), s.path("mpMax").asInt(), s.path("sp").asInt(), s.path("spMax").asInt(),
            s.path("level").asInt());
      }
      case "error" -> "! " + m.path("text").asText();
      default -> m.toString();
    };
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    lastHeard = System.currentTimeMillis();
    if (last) {
      try {
        out.println(render(JSON.readTree(partial.toString())));
      } catch (IOException e) {
        out.println(partial);
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    out.println("The server closed the connection" + (reason.isEmpty() ? "." : ": " + reason));
    closed.countDown();
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    out.println("Connection lost: " + error.getMessage());
    closed.countDown();
  }
}
