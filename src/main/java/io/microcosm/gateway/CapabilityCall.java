package io.microcosm.gateway;

import akka.actor.typed.ActorRef;
import com.fasterxml.jackson.databind.JsonNode;
import io.microcosm.entity.CommandMeta;
import io.microcosm.player.PlayerEntity;
import java.util.Optional;
import java.util.function.Function;

/**
 * One capability of a player, ready to send: its name and how to build the command for a reply
 * address. Built from a client's JSON {@code {"capability": ..., "params": {...}}} or from what the
 * interpreter understood.
 */
public record CapabilityCall(String capability, Function<ActorRef<Object>, PlayerEntity.Command> command) {

  /** The capabilities a client may name, with the parameters each takes. */
  public static final String KNOWN = "move{direction}, look, take{item, quantity}, drop{item, quantity}, inventory, "
      + "status, gather{node}, craft{recipe, count}, equip{item}, unequip{slot}, use{item}, attack{target}, rest, give{item, quantity, to}";

  /**
   * The call a client's JSON names, or empty with the reason in {@code problem} when the name or a
   * parameter is wrong.
   */
  public static Optional<CapabilityCall> fromJson(String capability, JsonNode params, CommandMeta meta, StringBuilder problem) {
    JsonNode p = params == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : params;
    switch (capability == null ? "" : capability) {
      case "move":
        return text(p, "direction", problem).map(d -> of("move", r -> new PlayerEntity.Move(meta, d, r)));
      case "look":
        return Optional.of(of("look", r -> new PlayerEntity.Look(meta, r)));
      case "take":
        return text(p, "item", problem).map(i -> of("take", r -> new PlayerEntity.Take(meta, i, count(p, "quantity"), r)));
      case "drop":
        return text(p, "item", problem).map(i -> of("drop", r -> new PlayerEntity.Drop(meta, i, count(p, "quantity"), r)));
      case "inventory":
        return Optional.of(of("inventory", r -> new PlayerEntity.ShowInventory(meta, r)));
      case "status":
        return Optional.of(of("status", r -> new PlayerEntity.ShowStatus(meta, r)));
      case "gather":
        return text(p, "node", problem).map(n -> of("gather", r -> new PlayerEntity.Gather(meta, n, r)));
      case "craft":
        return text(p, "recipe", problem).map(x -> of("craft", r -> new PlayerEntity.Craft(meta, x, count(p, "count"), r)));
      case "equip":
        return text(p, "item", problem).map(i -> of("equip", r -> new PlayerEntity.Equip(meta, i, r)));
      case "unequip":
        return text(p, "slot", problem).map(s -> of("unequip", r -> new PlayerEntity.Unequip(meta, s, r)));
      case "use":
        return text(p, "item", problem).map(i -> of("use", r -> new PlayerEntity.Use(meta, i, r)));
      case "attack":
        return text(p, "target", problem).map(t -> of("attack", r -> new PlayerEntity.Attack(meta, t, r)));
      case "rest":
        return Optional.of(of("rest", r -> new PlayerEntity.Rest(meta, r)));
      case "give":
        return text(p, "item", problem).flatMap(i -> text(p, "to", problem).map(to ->
            of("give", r -> new PlayerEntity.Give(meta, i, count(p, "quantity"), to, r))));
      default:
        problem.append("Unknown capability '").append(capability).append("'. Known: ").append(KNOWN).append('.');
        return Optional.empty();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static CapabilityCall of(String name, Function<ActorRef, PlayerEntity.Command> command) {
    return new CapabilityCall(name, ref -> command.apply(ref));
  }

  private static Optional<String> text(JsonNode params, String field, StringBuilder problem) {
    JsonNode v = params.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      problem.append("The parameter '").append(field).append("' is required and must be a non-empty string.");
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  private static int count(JsonNode params, String field) {
    JsonNode v = params.get(field);
    return v == null || !v.canConvertToInt() ? 1 : v.asInt();
  }
}
