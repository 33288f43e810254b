package io.microcosm.gateway;

import io.microcosm.entity.CommandMeta;
import io.microcosm.language.Interpretation.Action;
import io.microcosm.player.PlayerEntity;
import java.util.Optional;

/** The player command an understood action stands for, when the player entity carries it out. */
final class ActionCalls {

  private ActionCalls() {}

  /** Empty for actions the session answers itself (speech, examining, help). */
  static Optional<CapabilityCall> of(Action a, CommandMeta meta) {
    return Optional.ofNullable(switch (a.capability()) {
      case MOVE -> CapabilityCall.of("move", r -> new PlayerEntity.Move(meta, a.direction().label(), r));
      case LOOK -> CapabilityCall.of("look", r -> new PlayerEntity.Look(meta, r));
      case TAKE -> CapabilityCall.of("take", r -> new PlayerEntity.Take(meta, a.item(), Math.max(1, a.quantity()), r));
      case DROP -> CapabilityCall.of("drop", r -> new PlayerEntity.Drop(meta, a.item(), Math.max(1, a.quantity()), r));
      case INVENTORY -> CapabilityCall.of("inventory", r -> new PlayerEntity.ShowInventory(meta, r));
      case STATUS -> CapabilityCall.of("status", r -> new PlayerEntity.ShowStatus(meta, r));
      case GATHER -> CapabilityCall.of("gather", r -> new PlayerEntity.Gather(meta, a.node(), r));
      case CRAFT -> CapabilityCall.of("craft", r -> new PlayerEntity.Craft(meta, a.recipe(), Math.max(1, a.quantity()), r));
      case EQUIP -> CapabilityCall.of("equip", r -> new PlayerEntity.Equip(meta, a.item(), r));
      case UNEQUIP -> CapabilityCall.of("unequip", r -> new PlayerEntity.Unequip(meta, a.unequipTarget(), r));
      case USE -> CapabilityCall.of("use", r -> new PlayerEntity.Use(meta, a.item(), r));
      case ATTACK -> CapabilityCall.of("attack", r -> new PlayerEntity.Attack(meta, a.creature(), r));
      case REST -> CapabilityCall.of("rest", r -> new PlayerEntity.Rest(meta, r));
      case GIVE -> CapabilityCall.of("give",
          r -> new PlayerEntity.Give(meta, a.item(), Math.max(1, a.quantity()), a.player(), r));
      case EXAMINE, SAY, TELL, SHOUT, TALK, HELP, ACCEPT, ABANDON, QUESTS -> null;
    });
  }
}
