package io.microcosm.player;

import static io.microcosm.testkit.CampWorld.CLEARING;
import static io.microcosm.testkit.CampWorld.DEN;
import static io.microcosm.testkit.CampWorld.RAT;
import static io.microcosm.testkit.CampWorld.WOLF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.player.PlayerEntity.*;
import io.microcosm.rules.CombatRules.Outcome;
import io.microcosm.rules.ItemStack;
import io.microcosm.rules.LevelRules;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.CampWorld;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.world.EquipSlot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every gameplay capability of a player, against live locations and creatures of the camp world. */
class GameplayTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private WorldFixture camp;
  private EventSourcedBehaviorTestKit<Command, Event, State> ann;

  @BeforeEach
  void setUp() {
    camp = new WorldFixture(kit.testKit(), CampWorld.create());
    camp.reset();
    ann = EventSourcedBehaviorTestKit.create(kit.testKit().system(),
        PlayerEntity.create("ann", camp.world, camp.settings, camp.peers(), camp.ticks),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
    assertInstanceOf(Joined.class, ann.<JoinReply>runCommand(r -> new Join(meta(), r)).reply());
  }

  // ---- gathering ----

  @Test
  void gathering_by_hand_yields_units_experience_and_costs_stamina() {
    var result = gather("herbs");
    Gathered g = assertInstanceOf(Gathered.class, result.reply());
    assertEquals("herb", g.item());
    assertTrue(g.quantity() >= 1 && g.quantity() <= 3, "yield " + g.quantity());
    assertEquals(3 - g.quantity(), g.remaining());
    assertEquals(g.quantity(), g.exp(), "one experience per herb");
    assertEquals(29, g.stamina());
    assertEquals(g.quantity(), result.state().inventory().quantity("herb"));
    assertEquals(g.remaining(), node(CLEARING, "herb-patch").remaining(), "the location holds the rest");
  }

  @Test
  void gathering_needs_the_right_tool_the_level_and_a_node_that_is_here() {
    assertRejected(gather("dragon-egg"), Code.UNKNOWN_NODE);
    assertRejected(gather("copper-vein"), Code.UNKNOWN_NODE);
    move("north");
    Rejected noTool = assertRejected(gather("vein"), Code.NO_TOOL);
    assertEquals("You need a pickaxe to mine the copper vein.", noTool.rejection().message());
    move("south");
    take("pickaxe", 1);
    move("north");
    assertInstanceOf(Gathered.class, gather("copper-vein").reply());
    assertRejected(gather("silver-vein"), Code.LEVEL_TOO_LOW);
  }

  @Test
  void a_depleted_node_refuses_until_it_regrows_with_the_ticks() {
    int gathered = 0;
    while (gathered < 3) {
      gathered += assertInstanceOf(Gathered.class, gather("herb-patch").reply()).quantity();
    }
    assertEquals(3, gathered, "a node gives exactly what it holds");
    Rejected depleted = assertRejected(gather("herb-patch"), Code.DEPLETED);
    assertTrue(depleted.rejection().message().contains("10 ticks"), depleted.rejection().message());
    camp.tick.addAndGet(9);
    assertRejected(gather("herb-patch"), Code.DEPLETED);
    camp.tick.addAndGet(1);
    Gathered regrown = assertInstanceOf(Gathered.class, gather("herb-patch").reply());
    assertEquals(1, regrown.quantity(), "one unit regrew in 10 ticks");
  }

  @Test
  void gathering_and_moving_are_refused_when_too_tired() {
    for (int i = 0; i < 15; i++) {
      move("north");
      move("south");
    }
    assertEquals(0, status().sp());
    assertRejected(gather("herb-patch"), Code.NOT_ENOUGH_STAMINA);
    assertRejected(move("north"), Code.NOT_ENOUGH_STAMINA);
    assertRejected(attack(RAT), Code.NOT_ENOUGH_STAMINA);
  }

  @Test
  void a_retried_gather_answers_the_same_and_takes_nothing_twice() {
    CommandMeta once = meta();
    Gathered first = assertInstanceOf(Gathered.class, ann.<GatherReply>runCommand(r -> new Gather(once, "herbs", r)).reply());
    var again = ann.<GatherReply>runCommand(r -> new Gather(once, "herbs", r));
    Gathered second = assertInstanceOf(Gathered.class, again.reply());
    assertEquals(first.quantity(), second.quantity());
    assertTrue(again.hasNoEvents());
    assertEquals(first.quantity(), again.state().inventory().quantity("herb"));
    assertEquals(3 - first.quantity(), node(CLEARING, "herb-patch").remaining());
  }

  // ---- crafting ----

  @Test
  void crafting_consumes_inputs_makes_outputs_and_grants_experience() {
    mineAllCopper();
    move("south");
    var result = craft("sword", 1);
    Crafted crafted = assertInstanceOf(Crafted.class, result.reply());
    assertEquals(List.of(new ItemStack("copper-ore", 2)), crafted.consumed());
    assertEquals(List.of(new ItemStack("copper-sword", 1)), crafted.produced());
    assertEquals(30, crafted.exp());
    assertEquals(0, result.state().inventory().quantity("copper-ore"));
    assertEquals(1, result.state().inventory().quantity("copper-sword"));
  }

  @Test
  void crafting_is_refused_without_recipe_station_materials_or_level() {
    assertRejected(craft("philosopher-stone", 1), Code.UNKNOWN_RECIPE);
    assertRejected(craft("copper-sword", 1), Code.MISSING_MATERIALS);
    assertRejected(craft("silver-ring", 1), Code.LEVEL_TOO_LOW);
    mineAllCopper();
    move("south");
    Rejected noForge = assertRejected(craft("ingot", 1), Code.NO_STATION);
    assertEquals("You need a forge to make copper ingot, and there is none here.", noForge.rejection().message());
    assertRejected(craft("copper-sword", 0), Code.INVALID_QUANTITY);
  }

  @Test
  void crafting_several_is_all_or_nothing() {
    int herbs = 0;
    while (herbs < 3) {
      herbs += assertInstanceOf(Gathered.class, gather("herbs").reply()).quantity();
    }
    Rejected missing = assertRejected(craft("salve", 2), Code.MISSING_MATERIALS);
    assertTrue(missing.rejection().message().contains("1 x herb"), missing.rejection().message());
    assertEquals(3, inventory().items().get(0).quantity(), "nothing was consumed");
    Crafted one = assertInstanceOf(Crafted.class, craft("salve", 1).reply());
    assertEquals(1, one.count());
    assertEquals(List.of(new ItemStack("herb", 1), new ItemStack("salve", 1)), inventory().items());
  }

  // ---- equipment ----

  @Test
  void equipping_moves_an_item_from_pack_to_slot_and_changes_the_sheet() {
    take("cap", 1);
    StatusView before = status();
    var result = ann.<EquipReply>runCommand(r -> new Equip(meta(), "cap", r));
    Equipped equipped = assertInstanceOf(Equipped.class, result.reply());
    assertEquals(EquipSlot.HEAD, equipped.slot());
    assertEquals(before.defense() + 1, equipped.status().defense());
    assertEquals(before.hpMax() + 5, equipped.status().hpMax());
    assertEquals(0, result.state().inventory().quantity("cap"));
    assertEquals("cap", inventory().equipped().get(EquipSlot.HEAD));
    assertEquals(500, inventory().weightGrams(), "equipped items still weigh");

    Unequipped off = assertInstanceOf(Unequipped.class, ann.<EquipReply>runCommand(r -> new Unequip(meta(), "head", r)).reply());
    assertEquals("cap", off.item());
    assertEquals(before.defense(), off.status().defense());
    assertEquals(1, inventory().items().get(0).quantity());
  }

  @Test
  void equipping_is_refused_for_full_slots_two_handed_conflicts_level_and_unwearables() {
    take("cap", 1);
    take("hood", 1);
    take("buckler", 1);
    take("great-axe", 1);
    take("war-hammer", 1);
    equip("cap");
    assertRejected(equipResult("hood"), Code.SLOT_OCCUPIED);
    equip("buckler");
    assertRejected(equipResult("great-axe"), Code.TWO_HANDED_CONFLICT);
    assertInstanceOf(Unequipped.class, ann.<EquipReply>runCommand(r -> new Unequip(meta(), "buckler", r)).reply());
    equip("great-axe");
    assertRejected(equipResult("buckler"), Code.TWO_HANDED_CONFLICT);
    assertRejected(equipResult("war-hammer"), Code.LEVEL_TOO_LOW);
    gather("herbs");
    assertRejected(equipResult("herb"), Code.NOT_EQUIPPABLE);
    assertRejected(equipResult("copper-sword"), Code.ITEM_NOT_CARRIED);
    assertRejected(ann.<EquipReply>runCommand(r -> new Unequip(meta(), "feet", r)), Code.NOT_EQUIPPED);
  }

  // ---- using items and effects ----

  @Test
  void using_a_potion_restores_and_a_tonic_applies_an_effect_that_expires_on_its_tick() {
    craftSalve();
    var used = ann.<UseReply>runCommand(r -> new Use(meta(), "salve", r));
    assertInstanceOf(Used.class, used.reply());
    assertEquals(0, used.state().inventory().quantity("salve"));
    assertRejected(ann.<UseReply>runCommand(r -> new Use(meta(), "herb", r)), Code.NOT_USABLE);
  }

  @Test
  void effects_change_the_sheet_while_they_last() {
    camp.tick.set(2_000);
    fight(WOLF);
    StatusView poisoned = status();
    assertTrue(poisoned.effects().stream().anyMatch(e -> e.effect().equals("poisoned")),
        "the wolf's bite poisons: " + poisoned.effects());
    int hp = poisoned.hp();
    camp.tick.addAndGet(3);
    assertEquals(Math.max(1, hp - 3), status().hp(), "poison takes 1 HP a tick");
    camp.tick.addAndGet(2);
    StatusView after = status();
    assertTrue(after.effects().isEmpty(), "poison for 5 ticks is gone on the fifth: " + after.effects());
    assertEquals(Math.max(1, hp - 5), after.hp());
  }

  // ---- battle ----

  @Test
  void killing_a_creature_grants_experience_and_drops_its_loot_here() {
    Fought fought = killRat();
    assertEquals(5, fought.exp());
    assertEquals(List.of(new ItemStack("pelt", 1)), fought.loot());
    assertEquals(5, ann.getState().exp());
    kit.testKit().createTestProbe().awaitAssert(Duration.ofSeconds(3), () -> {
      assertEquals(1, quantityAt(CLEARING, "pelt"), "the loot lies where the rat fell");
      assertFalse(camp.look(CLEARING).creatures().contains(RAT), "a dead rat is not shown");
      return null;
    });
    assertRejected(attack(RAT), Code.TARGET_DEAD);
    assertRejected(attack("rat"), Code.NO_SUCH_TARGET);
    camp.tick.addAndGet(50);
    assertTrue(camp.look(CLEARING).creatures().contains(RAT), "the rat is back after its respawn ticks");
    assertInstanceOf(Fought.class, attack("rat").reply());
  }

  @Test
  void attacking_what_is_not_here_or_does_not_exist_is_refused() {
    assertRejected(attack("dragon"), Code.NO_SUCH_TARGET);
    assertRejected(attack("wolf"), Code.NO_SUCH_TARGET);
    assertRejected(attack(WOLF), Code.NOT_HERE);
    assertRejected(attack("camp.wolf.9"), Code.NO_SUCH_TARGET);
  }

  @Test
  void a_creature_strikes_back_and_the_player_records_the_damage() {
    move("east");
    Fought fought = assertInstanceOf(Fought.class, attack(WOLF).reply());
    assertEquals(20, fought.creatureHpMax());
    assertEquals(20 - fought.blow().damage(), fought.creatureHp());
    StatusView status = fought.status();
    assertEquals(50 - fought.counter().damage(), status.hp(), "no tick has passed, so no poison yet");
    assertEquals(30 - 1 - 2, status.sp(), "one move and one blow");
    assertEquals(fought.counter().outcome() != Outcome.MISS, fought.inflicted() != null,
        "the wolf's every hit poisons, and only a hit");
  }

  @Test
  void dying_wakes_the_player_at_home_without_the_pack_and_with_less_experience() {
    craftSalve();
    killRat();
    long exp = status().exp();
    move("east");
    CommandResultWithReply<Command, Event, State, AttackReply> result;
    Fought fought;
    do {
      result = ann.runCommand(r -> new Attack(meta(), "troll", r));
      fought = assertInstanceOf(Fought.class, result.reply());
    } while (fought.death() == null && fought.counter().outcome() == Outcome.MISS);
    Death death = fought.death();
    assertNotNull(death, "a troll's counter-blow of 500 kills a level-1 character");
    assertEquals(DEN, death.fellAt());
    assertEquals(CLEARING, death.wokeAt());
    assertEquals(2, result.events().size());
    assertInstanceOf(Died.class, result.events().get(1));
    State after = result.state();
    assertEquals(CLEARING, after.location());
    assertTrue(after.inventory().isEmpty());
    assertEquals(1, after.deaths());
    assertEquals(exp - (exp - LevelRules.expToReach(1)) / 10, after.exp());
    StatusView woken = fought.status();
    assertEquals(woken.hpMax() / 2, woken.hp());
    assertEquals(woken.spMax(), woken.sp());
    kit.testKit().createTestProbe().awaitAssert(Duration.ofSeconds(3), () -> {
      assertTrue(camp.look(CLEARING).occupants().contains("ann"));
      assertFalse(camp.look(DEN).occupants().contains("ann"));
      assertEquals(1, quantityAt(DEN, "salve"), "the pack was dropped where the player fell");
      return null;
    });
  }

  @Test
  void resting_sets_the_flag_until_the_next_action() {
    Resting resting = assertInstanceOf(Resting.class, ann.<RestReply>runCommand(r -> new Rest(meta(), r)).reply());
    assertTrue(resting.status().resting());
    move("north");
    assertFalse(status().resting());
  }

  @Test
  void the_journal_replays_to_the_same_state() {
    take("cap", 1);
    equip("cap");
    mineAllCopper();
    move("south");
    craft("sword", 1);
    equip("copper-sword");
    attack("rat");
    State before = ann.getState();
    State after = ann.restart().state();
    assertEquals(before, after);
  }

  // ---- operators ----

  @Test
  void an_operator_can_teleport_a_character_and_grant_it_items() {
    Arrived arrived = assertInstanceOf(Arrived.class,
        ann.<MoveReply>runCommand(r -> new Teleport(meta(), DEN, r)).reply());
    assertEquals(DEN, arrived.to());
    assertEquals(30, arrived.stamina(), "a teleport costs nothing");
    kit.testKit().createTestProbe().awaitAssert(Duration.ofSeconds(3), () -> {
      assertTrue(camp.look(DEN).occupants().contains("ann"));
      assertFalse(camp.look(CLEARING).occupants().contains("ann"));
      return null;
    });
    assertRejected(ann.<MoveReply>runCommand(r -> new Teleport(meta(), "camp.nowhere", r)), Code.NOT_HERE);
    Taken given = assertInstanceOf(Taken.class, ann.<TakeReply>runCommand(r -> new Grant(meta(), "salve", 3, r)).reply());
    assertEquals(3, given.quantity());
    assertEquals(3, ann.getState().inventory().quantity("salve"));
    assertRejected(ann.<TakeReply>runCommand(r -> new Grant(meta(), "troll-tooth", 1, r)), Code.UNKNOWN_ITEM);
  }

  // ---- helpers ----

  private void mineAllCopper() {
    take("pickaxe", 1);
    move("north");
    int ore = 0;
    while (ore < 2) {
      ore += assertInstanceOf(Gathered.class, gather("copper-vein").reply()).quantity();
    }
  }

  private void craftSalve() {
    int herbs = 0;
    while (herbs < 2) {
      herbs += assertInstanceOf(Gathered.class, gather("herbs").reply()).quantity();
    }
    assertInstanceOf(Crafted.class, craft("salve", 1).reply());
  }

  /** Attacks the rat until it dies (a blow may miss; a rat never strikes back). */
  private Fought killRat() {
    for (int i = 0; i < 20; i++) {
      Fought f = assertInstanceOf(Fought.class, attack("rat").reply());
      if (f.killed()) {
        return f;
      }
      assertEquals(Outcome.MISS, f.blow().outcome(), "a hit kills a rat with 1 HP");
    }
    throw new AssertionError("twenty misses in a row");
  }

  /** Attacks until a blow lands or the creature is dead. */
  private Fought fight(String creature) {
    if (!status().location().equals(DEN)) {
      move("east");
    }
    for (int i = 0; i < 10; i++) {
      Fought f = assertInstanceOf(Fought.class, attack(creature).reply());
      if (f.counter().damage() > 0 || f.killed()) {
        return f;
      }
    }
    throw new AssertionError("ten blows and no hit either way");
  }

  private static CommandMeta meta() {
    return CommandMeta.fresh("ann");
  }

  private LocationNode node(String location, String node) {
    return camp.look(location).nodes().stream().filter(n -> n.node().equals(node))
        .map(n -> new LocationNode(n.remaining())).findFirst().orElseThrow();
  }

  private record LocationNode(int remaining) {}

  private int quantityAt(String location, String item) {
    return camp.look(location).items().stream().filter(s -> s.item().equals(item)).mapToInt(ItemStack::quantity).sum();
  }

  private StatusView status() {
    return ann.<StatusView>runCommand(r -> new ShowStatus(meta(), r)).reply();
  }

  private InventoryView inventory() {
    return ann.<InventoryView>runCommand(r -> new ShowInventory(meta(), r)).reply();
  }

  private CommandResultWithReply<Command, Event, State, MoveReply> move(String direction) {
    var result = ann.<MoveReply>runCommand(r -> new Move(meta(), direction, r));
    return result;
  }

  private void take(String item, int quantity) {
    TakeReply reply = ann.<TakeReply>runCommand(r -> new Take(meta(), item, quantity, r)).reply();
    assertInstanceOf(Taken.class, reply, () -> reply.toString());
  }

  private CommandResultWithReply<Command, Event, State, GatherReply> gather(String node) {
    return ann.runCommand(r -> new Gather(meta(), node, r));
  }

  private CommandResultWithReply<Command, Event, State, CraftReply> craft(String recipe, int count) {
    return ann.runCommand(r -> new Craft(meta(), recipe, count, r));
  }

  private CommandResultWithReply<Command, Event, State, EquipReply> equipResult(String item) {
    return ann.runCommand(r -> new Equip(meta(), item, r));
  }

  private void equip(String item) {
    assertInstanceOf(Equipped.class, equipResult(item).reply());
  }

  private CommandResultWithReply<Command, Event, State, AttackReply> attack(String target) {
    return ann.runCommand(r -> new Attack(meta(), target, r));
  }

  private static Rejected assertRejected(CommandResultWithReply<Command, Event, State, ?> result, Code code) {
    Rejected rejected = assertInstanceOf(Rejected.class, result.reply());
    assertEquals(code, rejected.rejection().code(), rejected.rejection().message());
    assertTrue(result.hasNoEvents(), "a rejection persists nothing");
    assertTrue(rejected.rejection().message().endsWith("."), "a rejection is a sentence: " + rejected.rejection().message());
    return rejected;
  }
}
