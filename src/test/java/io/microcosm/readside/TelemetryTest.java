package io.microcosm.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.persistence.query.Sequence;
import akka.projection.eventsourced.EventEnvelope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microcosm.entity.TickClock;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.Inventory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-tick telemetry lines and the sinks they go to. */
class TelemetryTest {

  private static final long TICK0 = TickClock.EPOCH.toEpochMilli();
  private static final UUID C = UUID.randomUUID();
  private final ObjectMapper json = new ObjectMapper();

  static final class ListSink implements TelemetrySink {
    final List<String> lines = new ArrayList<>();
    boolean closed;

    @Override
    public void write(String line) {
      lines.add(line);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static EventEnvelope<Object> envelope(String pid, long seq, Object event, long writtenAt) {
    return EventEnvelope.create(Sequence.apply(seq), pid, seq, event, writtenAt);
  }

  @Test
  void a_tick_is_written_once_it_has_settled_with_what_happened_in_it() throws Exception {
    ListSink sink = new ListSink();
    AtomicLong now = new AtomicLong(TICK0 + 10_500);
    Telemetry telemetry = new Telemetry(sink, Duration.ofSeconds(1), 2, "node-a", now::get);
    telemetry.projected("player-0", List.of(
        envelope("Player|ann", 1, new PlayerEntity.ResourcesGathered(1, C, "camp.mine", "copper-vein", "copper-ore", 3, 2,
            5, 10), TICK0 + 10_100),
        envelope("Player|bob", 1, new PlayerEntity.ItemsCrafted(2, C, "salve", 2, Inventory.EMPTY, Inventory.EMPTY,
            "camp.clearing", 1, 4, 10), TICK0 + 10_300),
        envelope("Player|ann", 2, new PlayerEntity.RestStarted(3, C, 11), TICK0 + 11_000)));

    now.set(TICK0 + 12_999);
    telemetry.flushSettled();
    assertTrue(sink.lines.isEmpty(), "tick 10 waits two more ticks for late events");

    now.set(TICK0 + 13_000);
    telemetry.flushSettled();
    assertEquals(1, sink.lines.size(), sink.lines.toString());
    JsonNode line = json.readTree(sink.lines.get(0));
    assertEquals(10, line.path("tick").asLong());
    assertEquals("2026-01-01T00:00:10Z", line.path("time").asText());
    assertEquals("node-a", line.path("node").asText());
    assertEquals(2, line.path("events").asLong());
    assertEquals(1, line.path("byType").path("ResourcesGathered").asLong());
    assertEquals(2, line.path("activePlayers").asLong());
    assertEquals(9, line.path("exp").asLong());
    assertEquals(3, line.path("gathered").asLong());
    assertEquals(2, line.path("crafted").asLong());
    assertEquals(400, line.path("lagMillis").path("max").asLong(), "written at 10.1 s, projected at 10.5 s");

    telemetry.close();
    assertEquals(2, sink.lines.size(), "closing writes what is left");
    assertEquals(11, json.readTree(sink.lines.get(1)).path("tick").asLong());
    assertTrue(sink.closed);
  }

  @Test
  void the_file_is_rotated_by_size_and_old_files_beyond_the_kept_ones_go(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t/telemetry.jsonl");
    TelemetrySink.FileSink sink = new TelemetrySink.FileSink(file, 1024, 2);
    String line = "x".repeat(299);
    for (int i = 0; i < 14; i++) {
      sink.write(line);
    }
    sink.close();
    assertTrue(Files.size(file) <= 1024);
    assertTrue(Files.exists(sink.rotated(1)) && Files.exists(sink.rotated(2)));
    assertFalse(Files.exists(sink.rotated(3)), "only two rotated files are kept");
    assertEquals(3, Files.readAllLines(sink.rotated(1)).size(), "three 300-byte lines fit in 1 KiB");
    assertEquals(2, Files.readAllLines(file).size(), "14 lines: 3 + 3 rotated away, 3 + 3 kept, 2 current");
  }

  @Test
  void the_tcp_sink_sends_lines_to_a_listener_and_drops_them_while_there_is_none() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      TelemetrySink.TcpSink sink = new TelemetrySink.TcpSink("127.0.0.1", server.getLocalPort());
      sink.write("{\"tick\":1}");
      try (Socket client = server.accept();
           BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
        sink.write("{\"tick\":2}");
        assertEquals("{\"tick\":1}", in.readLine());
        assertEquals("{\"tick\":2}", in.readLine());
      }
      sink.close();
    }
    int closedPort;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = gone.getLocalPort();
    }
    TelemetrySink.TcpSink nobody = new TelemetrySink.TcpSink("127.0.0.1", closedPort);
    nobody.write("{\"tick\":3}");
    nobody.write("{\"tick\":4}");
    assertEquals(2, nobody.dropped(), "nobody listens: the lines are dropped, not queued");
    nobody.close();
  }
}
