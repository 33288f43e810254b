package io.microcosm.replay;

import akka.actor.typed.ActorSystem;
import akka.persistence.typed.PersistenceId;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import com.typesafe.config.Config;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Writes a large journal straight into akka-persistence-jdbc's H2 tables ({@code db/h2-schema.sql}):
 * the rows the journal plugin would write for the same events (Akka serialization, the tags the
 * entities use), in chunks of 50 events per entity in turn as concurrent entities interleave, but
 * with batched inserts instead of one insert per event. Only for the replay benchmark: writing a
 * million events through the plugin takes many minutes on a small machine.
 */
final class H2BulkWriter {

  private static final int CHUNK = 50;
  private static final int COMMIT_EVERY = 10_000;

  private H2BulkWriter() {}

  static void write(
      Config config, ActorSystem<?> system, EntitySettings settings, Map<String, List<Object>> entities,
      IntConsumer progress) throws SQLException {
    Serialization serialization = SerializationExtension.get(system);
    Config db = config.getConfig("akka-persistence-jdbc.shared-databases.slick.db");
    String writer = UUID.randomUUID().toString();
    List<String> ids = new ArrayList<>(entities.keySet());
    int[] next = new int[ids.size()];
    try (Connection c = DriverManager.getConnection(db.getString("url"), db.getString("user"), db.getString("password"));
         PreparedStatement event = c.prepareStatement("INSERT INTO \"event_journal\" (\"ordering\", \"deleted\", "
             + "\"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", "
             + "\"event_payload\", \"event_ser_id\", \"event_ser_manifest\") VALUES (?, FALSE, ?, ?, ?, ?, '', ?, ?, ?)");
         PreparedStatement tag = c.prepareStatement("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
      c.setAutoCommit(false);
      long ordering = 0;
      long sinceCommit = 0;
      boolean more = true;
      while (more) {
        more = false;
        for (int i = 0; i < ids.size(); i++) {
          List<Object> events = entities.get(ids.get(i));
          if (next[i] >= events.size()) {
            continue;
          }
          String[] parts = JournalEvent.split(ids.get(i));
          EntityKind kind = EntityKind.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
          String eventTag = settings.tagsFor(kind, PersistenceId.of(parts[0], parts[1])).iterator().next();
          int end = Math.min(events.size(), next[i] + CHUNK);
          long now = System.currentTimeMillis();
          for (int k = next[i]; k < end; k++) {
            Object e = events.get(k);
            Serializer serializer = serialization.findSerializerFor(e);
            event.setLong(1, ++ordering);
            event.setString(2, ids.get(i));
            event.setLong(3, k + 1);
            event.setString(4, writer);
            event.setLong(5, now);
            event.setBytes(6, serializer.toBinary(e));
            event.setInt(7, serializer.identifier());
            event.setString(8, Serializers.manifestFor(serializer, e));
            event.addBatch();
            tag.setLong(1, ordering);
            tag.setString(2, eventTag);
            tag.addBatch();
          }
          progress.accept(end - next[i]);
          sinceCommit += end - next[i];
          next[i] = end;
          more |= end < events.size();
          if (sinceCommit >= COMMIT_EVERY) {
            flush(c, event, tag);
            sinceCommit = 0;
          }
        }
      }
      flush(c, event, tag);
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE \"event_journal\" ALTER COLUMN \"ordering\" RESTART WITH " + (ordering + 1));
      }
      c.commit();
    }
  }

  private static void flush(Connection c, PreparedStatement event, PreparedStatement tag) throws SQLException {
    event.executeBatch();
    tag.executeBatch();
    c.commit();
  }
}
