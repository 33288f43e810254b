package io.microcosm.replay;

import akka.actor.typed.ActorSystem;
import akka.serialization.jackson.JacksonObjectMapperProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microcosm.entity.RecentCommands;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Events and states as JSON, with the same Jackson settings Akka's serializers use. Password hashes
 * never leave: they are shown as {@code (hidden)}. The ring of recent command ids is shown by its
 * size, not its thousand raw numbers.
 */
final class EventJson {

  private static final String HIDDEN = "(hidden)";

  private final ObjectMapper mapper;

  EventJson(ActorSystem<?> system) {
    this.mapper = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", Optional.empty());
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** The value as a JSON tree, secrets hidden. */
  JsonNode tree(Object value) {
    JsonNode node = mapper.valueToTree(value);
    if (value instanceof Record r) {
      shorten(r, node);
    }
    hideSecrets(node);
    return node;
  }

  /** One journal event as a flat-at-the-top JSON object (one line of {@code --json} or export). */
  ObjectNode line(JournalEvent e) {
    ObjectNode line = mapper.createObjectNode();
    line.put("lamport", e.lamport());
    line.put("tick", e.tick());
    if (e.tickFromWriteTime()) {
      line.put("tickFromWriteTime", true);
    }
    line.put("timestamp", e.writtenAt().toString());
    line.put("entity", e.persistenceId());
    line.put("kind", e.kind());
    line.put("id", e.entityId());
    line.put("seq", e.seqNr());
    line.put("type", e.type());
    line.put("commandId", e.commandId() == null ? null : e.commandId().toString());
    line.set("event", tree(e.event()));
    return line;
  }

  String write(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new ReplayException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  String writePretty(JsonNode node) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new ReplayException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** The event's own fields as {@code name=value ...}, leaving out what the timeline shows in columns. */
  String fields(Object event) {
    JsonNode node = tree(event);
    StringBuilder out = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = f.getKey();
      if (name.equals("lamport") || name.equals("commandId") || name.equals("tick")) {
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      JsonNode v = f.getValue();
      out.append(name).append('=').append(v.isTextual() ? v.asText() : v.toString());
    }
    return out.toString();
  }

  private static void shorten(Record record, JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    for (var component : record.getClass().getRecordComponents()) {
      if (component.getType() == RecentCommands.class && object.has(component.getName())) {
        try {
          RecentCommands recent = (RecentCommands) component.getAccessor().invoke(record);
          ObjectNode summary = object.objectNode();
          summary.put("remembered", recent == null ? 0 : recent.size());
          object.set(component.getName(), summary);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + component, e);
        }
      }
    }
  }

  private static void hideSecrets(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.hasNonNull("passwordHash")) {
        object.put("passwordHash", HIDDEN);
      }
      object.forEach(EventJson::hideSecrets);
    } else if (node != null && node.isArray()) {
      node.forEach(EventJson::hideSecrets);
    }
  }
}
