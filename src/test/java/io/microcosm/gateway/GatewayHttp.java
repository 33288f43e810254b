package io.microcosm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The REST side of a node started in a test, on 127.0.0.1:{@code port}: requests and logging in. */
final class GatewayHttp {

  private GatewayHttp() {}

  static HttpResponse<String> post(int port, String path, String body, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    return send(withToken(b, token).build());
  }

  static HttpResponse<String> get(int port, String path, String token) {
    return send(withToken(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)), token).build());
  }

  /** The credentials the tests use for {@code name}: password "<name>-password". */
  static String credentials(String name) {
    return "{\"user\":\"" + name + "\",\"password\":\"" + name + "-password\"}";
  }

  /** Logs {@code name} in (the account must exist); the session token. */
  static String token(int port, String name) {
    HttpResponse<String> session = post(port, "/api/sessions", credentials(name), null);
    assertEquals(200, session.statusCode(), session.body());
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(session.body()).path("token").asText();
    } catch (Exception e) {
      throw new AssertionError(session.body(), e);
    }
  }

  private static HttpRequest.Builder withToken(HttpRequest.Builder b, String token) {
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
