package io.microcosm.readside;

import com.typesafe.config.Config;
import io.microcosm.MicrocosmConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The read side's settings, from {@code microcosm.readside}.
 *
 * @param batchSize events handled in one step (one transaction on H2); 1 handles each event on its own
 * @param batchWithin a step starts after this long even with fewer events
 * @param jdbcConnections the read side's own connections to the H2 database
 * @param rareLootPercent loot whose drop chance is at most this is noted in the feed
 * @param feedPage entries of the feed returned when the client names no limit
 * @param feedMaxPage the most entries one request may ask for
 * @param telemetry where per-tick metrics go
 */
public record ReadSideSettings(
    boolean enabled, int batchSize, Duration batchWithin, int jdbcConnections, int rareLootPercent, int feedPage,
    int feedMaxPage, Telemetry telemetry) {

  public static final List<String> SINKS = List.of("file", "stdout", "tcp", "off");

  /**
   * @param sink {@code file}, {@code stdout}, {@code tcp} or {@code off}
   * @param file the JSON-lines file (relative paths are under {@code microcosm.data-dir})
   * @param maxFileBytes past this size the file is rotated
   * @param keepFiles rotated files kept besides the current one
   * @param settleTicks a tick's line is written once this many ticks have passed since it ended, so
   *     that events arriving a little late from other slices are counted in it
   */
  public record Telemetry(
      String sink, Path file, long maxFileBytes, int keepFiles, String tcpHost, int tcpPort, int settleTicks) {}

  public ReadSideSettings {
    requireAtLeast("batch-size", batchSize, 1);
    requireAtLeast("jdbc-connections", jdbcConnections, 1);
    requireAtLeast("feed.page-size", feedPage, 1);
    requireAtLeast("feed.max-page-size", feedMaxPage, feedPage);
    if (rareLootPercent < 0 || rareLootPercent > 100) {
      throw new IllegalArgumentException("microcosm.readside.feed.rare-loot-percent must be 0..100, was " + rareLootPercent);
    }
    if (batchWithin.isNegative()) {
      throw new IllegalArgumentException("microcosm.readside.batch-within must not be negative, was " + batchWithin);
    }
    if (!SINKS.contains(telemetry.sink())) {
      throw new IllegalArgumentException("microcosm.readside.telemetry.sink (MICROCOSM_TELEMETRY_SINK) is '"
          + telemetry.sink() + "'; expected one of: " + String.join(", ", SINKS));
    }
    requireAtLeast("telemetry.keep-files", telemetry.keepFiles(), 0);
    requireAtLeast("telemetry.settle-ticks", telemetry.settleTicks(), 0);
    if (telemetry.maxFileBytes() < 1024) {
      throw new IllegalArgumentException("microcosm.readside.telemetry.max-file-size must be at least 1 KiB, was "
          + telemetry.maxFileBytes() + " bytes");
    }
    if (telemetry.sink().equals("tcp") && (telemetry.tcpPort() < 1 || telemetry.tcpPort() > 65535)) {
      throw new IllegalArgumentException("microcosm.readside.telemetry.tcp-port must be 1..65535, was " + telemetry.tcpPort());
    }
  }

  public static ReadSideSettings fromConfig(Config config) {
    Config c = config.getConfig("microcosm.readside");
    Config t = c.getConfig("telemetry");
    Path file = Path.of(t.getString("file"));
    if (!file.isAbsolute()) {
      file = MicrocosmConfig.dataDir(config).resolve(file);
    }
    return new ReadSideSettings(
        c.getBoolean("enabled"),
        c.getInt("batch-size"),
        c.getDuration("batch-within"),
        c.getInt("jdbc-connections"),
        c.getInt("feed.rare-loot-percent"),
        c.getInt("feed.page-size"),
        c.getInt("feed.max-page-size"),
        new Telemetry(t.getString("sink"), file, t.getBytes("max-file-size"), t.getInt("keep-files"),
            t.getString("tcp-host"), t.getInt("tcp-port"), t.getInt("settle-ticks")));
  }

  private static void requireAtLeast(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException("microcosm.readside." + key + " must be >= " + min + ", was " + value);
    }
  }
}
