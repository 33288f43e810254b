package io.microcosm.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped default world has the content a new player needs to get from level 1 to level 10. */
class ValeWorldTest {

  private static World vale;

  @BeforeAll
  static void load() {
    vale = WorldLoader.load("vale");
  }

  @Test
  void hasEnoughOfEverything() {
    assertTrue(vale.zones().size() >= 3, "zones: " + vale.zones().keySet());
    assertTrue(vale.locations().size() >= 25, "locations: " + vale.locations().size());
    assertTrue(vale.items().size() >= 40, "items: " + vale.items().size());
    assertTrue(vale.recipes().size() >= 20, "recipes: " + vale.recipes().size());
    assertTrue(vale.nodes().size() >= 8, "node kinds: " + vale.nodes().size());
    assertTrue(vale.creatureKinds().size() >= 8, "creature kinds: " + vale.creatureKinds().size());
    assertTrue(vale.stations().size() >= 5, "stations: " + vale.stations().keySet());
  }

  @Test
  void keepsTheIdsOtherCodeUses() {
    assertTrue(vale.zones().keySet().containsAll(List.of("vale", "mines")));
    for (String id : List.of("vale.square", "vale.tavern", "vale.smithy", "vale.forest-edge", "vale.riverbank",
        "mines.entrance", "mines.tunnel", "mines.deep-shaft")) {
      assertTrue(vale.location(id).isPresent(), "location " + id);
    }
    for (String id : List.of("apple", "bread", "torch", "rope", "copper-ore", "iron-ore")) {
      assertTrue(vale.item(id).isPresent(), "item " + id);
    }
    assertEquals("vale.square", vale.start());
  }

  @Test
  void hasAHomeAndASeed() {
    assertTrue(vale.location(vale.home()).isPresent(), "home " + vale.home());
    assertNotEquals(vale.start(), vale.home());
    assertNotEquals(0L, vale.seed());
  }

  @Test
  void hasTheEffectsItsItemsAndCreaturesNeed() {
    assertTrue(vale.effects().keySet().containsAll(List.of("well-fed", "rested", "poisoned", "bleeding", "strength-tonic")),
        "effects: " + vale.effects().keySet());
    assertEquals(Stacking.STACK, vale.effects().get("poisoned").stacking());
    assertTrue(vale.effects().get("poisoned").maxStacks() > 1);
    assertEquals(Stacking.REFRESH, vale.effects().get("well-fed").stacking());
    assertEquals(Stacking.STRONGEST, vale.effects().get("strength-tonic").stacking());
  }

  @Test
  void everyCreatureKindHasLootAndLivesSomewhere() {
    Set<String> placed = vale.creatures().values().stream().map(CreatureSpawn::kind).collect(Collectors.toSet());
    for (CreatureKindDef kind : vale.creatureKinds().values()) {
      assertFalse(kind.loot().isEmpty(), "loot of " + kind.id());
      assertTrue(placed.contains(kind.id()), kind.id() + " is placed nowhere");
      assertTrue(kind.respawnTicks() >= 60 && kind.respawnTicks() <= 600, "respawn of " + kind.id());
    }
    int lowest = vale.creatureKinds().values().stream().mapToInt(CreatureKindDef::level).min().orElseThrow();
    int highest = vale.creatureKinds().values().stream().mapToInt(CreatureKindDef::level).max().orElseThrow();
    assertEquals(1, lowest);
    assertTrue(highest >= 9, "the toughest creature is level " + highest);
  }

  @Test
  void aNewPlayerCanStartFromNothing() {
    assertTrue(vale.nodes().values().stream().anyMatch(n -> n.item().equals("copper-ore") && n.tool() == null),
        "some node must give copper ore to bare hands");
    assertTrue(vale.recipes().values().stream().anyMatch(r -> r.outputs().containsKey("copper-pickaxe")
        && r.minLevel() == 1), "a level-1 recipe for a copper pickaxe");
    assertTrue(vale.recipes().values().stream().anyMatch(r -> r.outputs().containsKey("copper-sword")),
        "a recipe for a copper sword");
    assertTrue(vale.creatureKinds().containsKey("wolf"), "a wolf creature kind");
    assertTrue(vale.nodes().values().stream().anyMatch(n -> n.item().equals("iron-ore") && n.minLevel() >= 3),
        "an iron vein for level 3 and up");
  }

  @Test
  void aLevelTwoFighterIsReadyForWolves() {
    ItemDef sword = vale.item("copper-sword").orElseThrow();
    assertEquals(EquipSlot.MAIN_HAND, sword.equip().slot());
    assertEquals(2, sword.equip().minLevel());
    assertTrue(sword.equip().bonus().attack() > 0);
    CreatureKindDef wolf = vale.creatureKinds().get("wolf");
    assertEquals(3, wolf.level());
    assertEquals(Aggression.DEFENSIVE, wolf.aggression());
    CreatureKindDef spider = vale.creatureKinds().get("giant-spider");
    assertEquals("poisoned", spider.onHit().effect());
    assertTrue(spider.onHitPercent() > 0 && spider.onHitPercent() < 100);
  }

  @Test
  void everyPlaceCanBeReachedFromTheStartAndLeftAgain() {
    Set<String> there = reachable(vale.start(), false);
    Set<String> back = reachable(vale.start(), true);
    for (String id : vale.locations().keySet()) {
      assertTrue(there.contains(id), id + " cannot be reached from " + vale.start());
      assertTrue(back.contains(id), "no way back from " + id);
    }
  }

  @Test
  void everythingHasADescription() {
    vale.locations().values().forEach(l -> assertFalse(l.description().isBlank(), "location " + l.id()));
    vale.items().values().forEach(i -> assertFalse(i.description().isBlank(), "item " + i.id()));
    vale.nodes().values().forEach(n -> assertFalse(n.description().isBlank(), "node " + n.id()));
    vale.stations().values().forEach(s -> assertFalse(s.description().isBlank(), "station " + s.id()));
    vale.creatureKinds().values().forEach(c -> assertFalse(c.description().isBlank(), "creature " + c.id()));
  }

  private static Set<String> reachable(String from, boolean reverse) {
    Set<String> seen = new HashSet<>(Set.of(from));
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      String here = todo.pop();
      for (LocationDef loc : vale.locations().values()) {
        for (ExitDef exit : loc.exits().values()) {
          if (!exit.passable()) {
            continue;
          }
          String next = reverse ? (exit.target().equals(here) ? loc.id() : null)
              : (loc.id().equals(here) ? exit.target() : null);
          if (next != null && seen.add(next)) {
            todo.push(next);
          }
        }
      }
    }
    return seen;
  }
}
