package io.microcosm.world;

import java.util.List;

/**
 * An item kind from world data.
 *
 * @param weightGrams weight of one unit; data files give kilograms, kept here as whole grams so sums
 *     never drift
 * @param stackLimit how many units share one inventory slot (1 = each unit takes a slot)
 * @param equip how it is worn or held, or null if it cannot be equipped
 * @param tool what gathering tool it is, or null
 * @param use what consuming it does, or null if it cannot be used
 */
public record ItemDef(
    String id, String name, List<String> aliases, int weightGrams, int stackLimit, String description,
    ItemKind kind, EquipDef equip, ToolDef tool, UseDef use) {

  public ItemDef {
    aliases = List.copyOf(aliases);
  }

  /** A plain item that is only carried. */
  public ItemDef(String id, String name, List<String> aliases, int weightGrams, int stackLimit, String description) {
    this(id, name, aliases, weightGrams, stackLimit, description, ItemKind.MISC, null, null, null);
  }
}
