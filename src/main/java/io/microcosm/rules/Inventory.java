package io.microcosm.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.microcosm.entity.CborSerializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What someone carries or what lies somewhere: item id to quantity, in the order items arrived.
 * Immutable; quantities are always positive (an item with none left is absent).
 */
public record Inventory(Map<String, Integer> stacks) implements CborSerializable {

  public static final Inventory EMPTY = new Inventory(Map.of());

  public Inventory {
    stacks.forEach((item, quantity) -> {
      if (quantity == null || quantity < 1) {
        throw new IllegalArgumentException("quantity of " + item + " must be >= 1, was " + quantity);
      }
    });
    stacks = Collections.unmodifiableMap(new LinkedHashMap<>(stacks));
  }

  public int quantity(String item) {
    return stacks.getOrDefault(item, 0);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return stacks.isEmpty();
  }

  public Inventory add(String item, int quantity) {
    requirePositive(quantity);
    Map<String, Integer> next = new LinkedHashMap<>(stacks);
    next.merge(item, quantity, Math::addExact);
    return new Inventory(next);
  }

  /** @throws IllegalStateException if there are fewer than {@code quantity}; check first */
  public Inventory remove(String item, int quantity) {
    requirePositive(quantity);
    int have = quantity(item);
    if (have < quantity) {
      throw new IllegalStateException("cannot remove " + quantity + " " + item + ", only " + have + " present");
    }
    Map<String, Integer> next = new LinkedHashMap<>(stacks);
    if (have == quantity) {
      next.remove(item);
    } else {
      next.put(item, have - quantity);
    }
    return new Inventory(next);
  }

  public List<ItemStack> asStacks() {
    return stacks.entrySet().stream().map(e -> new ItemStack(e.getKey(), e.getValue())).toList();
  }

  private static void requirePositive(int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be >= 1, was " + quantity);
    }
  }
}
