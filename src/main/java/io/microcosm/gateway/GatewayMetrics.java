package io.microcosm.gateway;

import io.microcosm.persistence.JournalWrites;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** What the gateway counts, served at {@code /metrics} in the Prometheus text format. */
public final class GatewayMetrics {

  private final CollectorRegistry registry = new CollectorRegistry();
  private final Gauge sessions = Gauge.build("microcosm_sessions", "Play sessions on this node (attached or resumable).")
      .register(registry);
  private final Gauge connections = Gauge.build("microcosm_connections", "Open WebSocket connections on this node.")
      .register(registry);
  private final Counter commands = Counter.build("microcosm_commands_total", "Capability commands answered, by outcome.")
      .labelNames("capability", "outcome").register(registry);
  private final Histogram latency = Histogram.build("microcosm_command_seconds", "Time from a command to its answer.")
      .labelNames("capability").buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
      .register(registry);
  private final Counter http = Counter.build("microcosm_http_requests_total", "HTTP requests, by route and status.")
      .labelNames("route", "status").register(registry);
  private final Gauge entities = Gauge.build("microcosm_entities", "Entities awake on this node, by kind.")
      .labelNames("kind").register(registry);
  private final Counter refused = Counter.build("microcosm_refused_total", "Requests refused by a limit, by kind.")
      .labelNames("kind").register(registry);

  public GatewayMetrics() {
    DefaultExports.register(registry);
    JournalWrites.SECONDS.register(registry);
  }

  public void sessions(int count) {
    sessions.set(count);
  }

  public void connection(int delta) {
    connections.inc(delta);
  }

  public void answered(String capability, String outcome) {
    commands.labels(capability, outcome).inc();
  }

  public void latency(String capability, long nanos) {
    latency.labels(capability).observe(nanos / 1e9);
  }

  public void http(String route, int status) {
    http.labels(route, String.valueOf(status)).inc();
  }

  public void entities(String kind, int count) {
    entities.labels(kind).set(count);
  }

  public void refused(String kind) {
    refused.labels(kind).inc();
  }

  public String scrape() {
    StringWriter writer = new StringWriter();
    try {
      TextFormat.write004(writer, registry.metricFamilySamples());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toString();
  }
}
