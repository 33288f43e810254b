package io.microcosm.language;

import io.microcosm.language.Interpretation.Question;
import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.location.LocationEntity.NodeView;
import io.microcosm.rules.Equipment;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.Direction;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a player can see and carry right now: what words are resolved against.
 *
 * @param self the player's own name (left out when looking for someone else here)
 * @param location the location id
 * @param exits the ways out, to the location ids they lead to
 * @param occupants who is here, the player included or not
 * @param ground what lies here
 * @param creatures ids of the living creatures here ("wilds.wolf.2")
 * @param nodes resource node kind ids here
 * @param stations crafting station ids here
 * @param pack what the player carries, not counting what is worn
 * @param equipment what the player wears and holds
 * @param pending the question the player was last asked, or null
 */
public record Context(
    String self, String location, Map<Direction, String> exits, List<String> occupants, Inventory ground,
    List<String> creatures, List<String> nodes, List<String> stations, Inventory pack, Equipment equipment,
    Question pending) {

  public Context {
    exits = exits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(exits));
    occupants = List.copyOf(occupants);
    creatures = List.copyOf(creatures);
    nodes = List.copyOf(nodes);
    stations = List.copyOf(stations);
    ground = ground == null ? Inventory.EMPTY : ground;
    pack = pack == null ? Inventory.EMPTY : pack;
    equipment = equipment == null ? Equipment.NONE : equipment;
  }

  /** The context of a player who sees {@code here} and carries {@code pack}, with no question pending. */
  public static Context of(String self, LocationView here, Inventory pack, Equipment equipment) {
    Map<Direction, String> exits = new EnumMap<>(Direction.class);
    here.exits().forEach(x -> exits.put(x.direction(), x.target()));
    return new Context(self, here.id(), exits, here.occupants(), inventory(here.items()), here.creatures(),
        here.nodes().stream().map(NodeView::node).toList(), here.stations(), pack, equipment, null);
  }

  /** Turns the stacks a view shows into an inventory. */
  public static Inventory inventory(List<ItemStack> stacks) {
    Map<String, Integer> items = new LinkedHashMap<>();
    stacks.forEach(s -> items.merge(s.item(), s.quantity(), Integer::sum));
    return new Inventory(items);
  }

  /** The same context with {@code question} waiting for an answer (null: none). */
  public Context withPending(Question question) {
    return new Context(self, location, exits, occupants, ground, creatures, nodes, stations, pack, equipment, question);
  }

  /** The occupants other than the player. */
  public List<String> others() {
    String me = self == null ? "" : self.toLowerCase(Locale.ROOT);
    return occupants.stream().filter(o -> !o.toLowerCase(Locale.ROOT).equals(me)).toList();
  }
}
