package io.microcosm.bench;

import akka.projection.eventsourced.EventEnvelope;
import io.microcosm.readside.ProjectionListener;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures how far the read side trails the journal while a workload runs: for every event the
 * projections apply, the time from its write to its read-model update (lag), and, read from the
 * H2 journal and the projections' offset table, how many tagged events are written but not yet
 * projected (events behind).
 */
final class ProjectionLag implements ProjectionListener {

  /** Lags above an hour are recorded as an hour. */
  static final long MAX_MILLIS = 3_600_000L;

  private final Recorder window = new Recorder(MAX_MILLIS, 3);
  private final Histogram phase = new Histogram(MAX_MILLIS, 3);
  private final AtomicLong projected = new AtomicLong();
  private final String journalUrl;
  private final List<String> tags;

  ProjectionLag(String journalUrl, List<String> tags) {
    this.journalUrl = journalUrl;
    this.tags = tags;
  }

  @Override
  public void projected(String tag, List<EventEnvelope<Object>> envelopes) {
    long now = System.currentTimeMillis();
    for (EventEnvelope<Object> e : envelopes) {
      window.recordValue(Math.min(MAX_MILLIS, Math.max(0, now - e.timestamp())));
    }
    projected.addAndGet(envelopes.size());
  }

  /** Lags since the previous call; they are also added to the phase's. */
  synchronized Histogram interval() {
    Histogram h = window.getIntervalHistogram();
    phase.add(h);
    return h;
  }

  /** Starts a new phase: its lags and its count of projected events. */
  synchronized void reset() {
    window.getIntervalHistogram();
    phase.reset();
    projected.set(0);
  }

  synchronized Histogram phase() {
    interval();
    return phase.copy();
  }

  long projected() {
    return projected.get();
  }

  /** Tagged events in the journal beyond each projection's stored offset, summed; and the largest. */
  long[] behind() {
    String offsetSql = "SELECT \"current_offset\" FROM \"akka_projection_offset_store\" WHERE \"projection_key\" = ?";
    String countSql = "SELECT COUNT(*) FROM \"event_tag\" WHERE \"event_id\" > ? AND \"tag\" = ?";
    long total = 0;
    long most = 0;
    try (Connection c = DriverManager.getConnection(journalUrl, "sa", "");
         PreparedStatement offset = c.prepareStatement(offsetSql);
         PreparedStatement count = c.prepareStatement(countSql)) {
      for (String tag : tags) {
        offset.setString(1, tag);
        long done = 0;
        try (ResultSet rs = offset.executeQuery()) {
          if (rs.next()) {
            done = Long.parseLong(rs.getString(1));
          }
        }
        count.setLong(1, done);
        count.setString(2, tag);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          long n = rs.getLong(1);
          total += n;
          most = Math.max(most, n);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the projections' progress from " + journalUrl + ": " + e.getMessage(), e);
    }
    return new long[] {total, most};
  }
}
