package io.microcosm.rules;

import io.microcosm.entity.CborSerializable;
import io.microcosm.world.EquipSlot;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a character wears and holds: slot to item id. A two-handed item sits in the main hand and
 * keeps the off hand empty. Immutable.
 */
public record Equipment(Map<EquipSlot, String> slots) implements CborSerializable {

  public static final Equipment NONE = new Equipment(Map.of());

  public Equipment {
    slots = slots.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(slots));
  }

  public Optional<String> in(EquipSlot slot) {
    return Optional.ofNullable(slots.get(slot));
  }

  /** The slot holding {@code item}, if it is equipped. */
  public Optional<EquipSlot> slotOf(String item) {
    return slots.entrySet().stream().filter(e -> e.getValue().equals(item)).map(Map.Entry::getKey).findFirst();
  }

  public Equipment with(EquipSlot slot, String item) {
    EnumMap<EquipSlot, String> next = slots.isEmpty() ? new EnumMap<>(EquipSlot.class) : new EnumMap<>(slots);
    next.put(slot, item);
    return new Equipment(next);
  }

  public Equipment without(EquipSlot slot) {
    if (!slots.containsKey(slot)) {
      return this;
    }
    EnumMap<EquipSlot, String> next = new EnumMap<>(slots);
    next.remove(slot);
    return new Equipment(next);
  }
}
