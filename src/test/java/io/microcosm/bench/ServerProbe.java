package io.microcosm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads what the node under load says about itself: its {@code /metrics} (heap, CPU time, open
 * connections and sessions) and, when its process id is known and it runs on this machine,
 * {@code /proc/<pid>/status} (resident memory, its peak, threads). With the process id it can also
 * ask the node's JVM for a full GC first (jcmd), so that heap readings compare.
 */
final class ServerProbe {

  /** One reading; a figure the node did not report is NaN. */
  record Reading(
      double heapUsedBytes, double heapMaxBytes, double rssBytes, double rssPeakBytes, double threads,
      double connections, double sessions, double cpuSeconds, boolean afterGc, String problem) {

    String describe() {
      if (problem != null && Double.isNaN(heapUsedBytes) && Double.isNaN(rssBytes)) {
        return "unavailable (" + problem + ")";
      }
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "heap %s used%s (max %s), RSS %s (peak %s), %s threads; %s connections, %s sessions",
          mb(heapUsedBytes), afterGc ? " after GC" : "", mb(heapMaxBytes), mb(rssBytes), mb(rssPeakBytes),
          count(threads), count(connections), count(sessions)));
      if (problem != null) {
        sb.append(" [").append(problem).append(']');
      }
      return sb.toString();
    }

    private static String mb(double bytes) {
      return Double.isNaN(bytes) ? "?" : String.format(Locale.ROOT, "%.0f MB", bytes / (1 << 20));
    }

    private static String count(double n) {
      return Double.isNaN(n) ? "?" : String.format(Locale.ROOT, "%.0f", n);
    }
  }

  private final HttpClient http;
  private final URI metrics;
  private final long pid;

  /** @param pid the node's process id, or 0 when unknown */
  ServerProbe(HttpClient http, URI metrics, long pid) {
    this.http = http;
    this.metrics = metrics;
    this.pid = pid;
  }

  Reading read(boolean gcFirst) {
    String problem = null;
    boolean gcDone = false;
    if (gcFirst && pid > 0) {
      try {
        gcDone = fullGc();
      } catch (IOException e) {
        problem = "no GC before reading: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Map<String, Double> m = new HashMap<>();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        m = parse(response.body());
      } else {
        problem = "/metrics answered " + response.statusCode();
      }
    } catch (IOException e) {
      problem = "/metrics: " + WsBot.describe(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "interrupted";
    }
    Map<String, Long> proc = procStatus();
    double rss = proc.containsKey("VmRSS") ? proc.get("VmRSS") * 1024.0 : m.getOrDefault("process_resident_memory_bytes", Double.NaN);
    double peak = proc.containsKey("VmHWM") ? proc.get("VmHWM") * 1024.0 : Double.NaN;
    double threads = proc.containsKey("Threads") ? proc.get("Threads") : m.getOrDefault("jvm_threads_current", Double.NaN);
    return new Reading(m.getOrDefault("jvm_memory_bytes_used{area=\"heap\",}", Double.NaN),
        m.getOrDefault("jvm_memory_bytes_max{area=\"heap\",}", Double.NaN), rss, peak, threads,
        m.getOrDefault("microcosm_connections", Double.NaN), m.getOrDefault("microcosm_sessions", Double.NaN),
        m.getOrDefault("process_cpu_seconds_total", Double.NaN), gcDone, problem);
  }

  /** The node's CPU time so far, in seconds (NaN if unknown); cheap, for use during a measurement. */
  double cpuSeconds() {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return parse(response.body()).getOrDefault("process_cpu_seconds_total", Double.NaN);
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  /**
   * The {@code top} classes taking the most of the node's heap (live objects: the histogram forces a
   * full GC), one line each: megabytes, instances, class; or why there is none.
   */
  List<String> heapHistogram(int top) {
    if (pid <= 0) {
      return List.of("no histogram: the node's process id is not known");
    }
    List<String> lines = new ArrayList<>();
    try {
      for (String line : jcmd("GC.class_histogram")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 4 && f[0].endsWith(":") && lines.size() < top) {
          lines.add(String.format(Locale.ROOT, "%8.1f MB %10s  %s", Long.parseLong(f[2]) / 1048576.0, f[1], f[3]));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return List.of("no histogram: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return lines;
  }

  private boolean fullGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    return true;
  }

  private List<String> jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      throw new IOException(jcmd + " not found");
    }
    Path output = Files.createTempFile("microcosm-bench-jcmd-", ".txt");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("jcmd " + command + " did not finish within 60 s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("jcmd " + command + " exited with " + p.exitValue());
      }
      return Files.readAllLines(output);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** The kB and count lines of /proc/<pid>/status, or nothing when not on Linux or not readable. */
  private Map<String, Long> procStatus() {
    Map<String, Long> values = new HashMap<>();
    if (pid <= 0) {
      return values;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String[] parts = line.substring(colon + 1).trim().split("\\s+");
          try {
            values.put(line.substring(0, colon), Long.parseLong(parts[0]));
          } catch (NumberFormatException e) {
            // not a number: not one of ours
          }
        }
      }
    } catch (IOException e) {
      // not on Linux, or the process is gone: /metrics has to do
    }
    return values;
  }

  /** Prometheus text format: "name{labels} value" lines, comments skipped. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> values = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space > 0) {
        try {
          values.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1).trim()));
        } catch (NumberFormatException e) {
          // not a sample line
        }
      }
    }
    return values;
  }
}
