package io.microcosm.player;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.japi.function.Function;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EffectBuilder;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.entity.CborSerializable;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.EntityBehaviors;
import io.microcosm.entity.EntityCommand;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.Lamport;
import io.microcosm.entity.RecentCommands;
import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.entity.TickClock;
import io.microcosm.location.LocationEntity;
import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.npc.Goal;
import io.microcosm.npc.Dialogue;
import io.microcosm.npc.Mood;
import io.microcosm.npc.NpcEntity;
import io.microcosm.rules.ActiveEffect;
import io.microcosm.rules.Capacity;
import io.microcosm.rules.CombatRules;
import io.microcosm.rules.CombatRules.Blow;
import io.microcosm.rules.CombatRules.Combatant;
import io.microcosm.rules.CraftRules;
import io.microcosm.rules.Dice;
import io.microcosm.rules.EffectRules;
import io.microcosm.rules.Equipment;
import io.microcosm.rules.EquipmentRules;
import io.microcosm.rules.GatherRules;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.InventoryRules;
import io.microcosm.rules.ItemStack;
import io.microcosm.rules.LevelRules;
import io.microcosm.rules.StandingRules;
import io.microcosm.rules.StatRules;
import io.microcosm.rules.Stats;
import io.microcosm.rules.Vitals;
import io.microcosm.world.CreatureKindDef;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.Direction;
import io.microcosm.world.EffectDef;
import io.microcosm.world.EffectGrant;
import io.microcosm.world.EquipSlot;
import io.microcosm.world.ItemDef;
import io.microcosm.world.NpcDef;
import io.microcosm.world.QuestDef;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.LocationDef;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.PlayerDefaults;
import io.microcosm.world.RecipeDef;
import io.microcosm.world.StatBonus;
import io.microcosm.world.UseDef;
import io.microcosm.rules.ExitRules;
import io.microcosm.world.ExitDef;
import io.microcosm.world.World;
import io.microcosm.world.WorldNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * A player character. Its own {@code location} is the truth about where it is; locations keep a
 * presence list that the player re-asserts whenever it recovers.
 *
 * <p>Capabilities that involve another entity run as a short protocol, one at a time (later commands
 * wait in the stash): the side that owns the contested thing persists first. For take and gather
 * the location grants and then the player records the receipt; for attack the creature decides the
 * blows and the player records what it took; for drop the player hands over and then the location
 * records it; for move the target accepts the entry before the player persists its new location.
 * Every step carries the same commandId, so a retry after a crash or timeout completes the protocol
 * without applying anything twice. Crafting, equipment, using items and resting involve only the
 * player.
 *
 * <p>Level follows from experience, and the maxima from level, equipment and effects; vitals are
 * carried forward to the current tick whenever an event is applied.
 */
public final class PlayerEntity
    extends EventSourcedBehaviorWithEnforcedReplies<PlayerEntity.Command, PlayerEntity.Event, PlayerEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, EntityKind.PLAYER.typeName());

  /** Recent drops are remembered so they can be delivered again after a crash (a death drops a whole pack). */
  static final int HANDOVERS_KEPT = 64;
  /** Only drops younger than this many ticks are re-delivered on recovery. */
  static final long HANDOVER_REDELIVERY_TICKS = 60;

  /** How a player finds the entities it talks to: sharding in production, test actors in tests. */
  public record Peers(
      java.util.function.Function<String, RecipientRef<LocationEntity.Command>> locations,
      java.util.function.Function<String, RecipientRef<CreatureEntity.Command>> creatures,
      java.util.function.Function<String, RecipientRef<Command>> players,
      java.util.function.Function<String, RecipientRef<NpcEntity.Command>> npcs) {

    /** Peers without NPCs: giving to one is answered as if it were not there. */
    public Peers(java.util.function.Function<String, RecipientRef<LocationEntity.Command>> locations,
        java.util.function.Function<String, RecipientRef<CreatureEntity.Command>> creatures,
        java.util.function.Function<String, RecipientRef<Command>> players) {
      this(locations, creatures, players, id -> null);
    }

    public static Peers sharded(ClusterSharding sharding) {
      return new Peers(id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id),
          id -> sharding.entityRefFor(CreatureEntity.ENTITY_KEY, id),
          id -> sharding.entityRefFor(ENTITY_KEY, id),
          id -> sharding.entityRefFor(NpcEntity.ENTITY_KEY, id));
    }
  }

  // ---- protocol --------------------------------------------------------------------------------

  public sealed interface Command extends EntityCommand
      permits Join, Move, Look, Take, Drop, ShowInventory, ShowStatus, Gather, Craft, Equip, Unequip, Use, Attack,
          Rest, Teleport, Grant, Give, Offer, Receive, Ambush, GiveToNpc, TalkToNpc, AcceptQuest, AbandonQuest, ShowQuests, Resume {}

  /** Enter the world: a new character appears at the world's start; a known one where it was. */
  public record Join(CommandMeta meta, ActorRef<JoinReply> replyTo) implements Command, CborSerializable {}

  public record Move(CommandMeta meta, String direction, ActorRef<MoveReply> replyTo) implements Command, CborSerializable {}

  public record Look(CommandMeta meta, ActorRef<LookReply> replyTo) implements Command, CborSerializable {}

  public record Take(CommandMeta meta, String item, int quantity, ActorRef<TakeReply> replyTo)
      implements Command, CborSerializable {}

  public record Drop(CommandMeta meta, String item, int quantity, ActorRef<DropReply> replyTo)
      implements Command, CborSerializable {}

  public record ShowInventory(CommandMeta meta, ActorRef<InventoryView> replyTo) implements Command, CborSerializable {}

  /** The full character sheet. */
  public record ShowStatus(CommandMeta meta, ActorRef<StatusView> replyTo) implements Command, CborSerializable {}

  /** Work the resource node of kind {@code node} here (a node kind id such as "copper-vein"). */
  public record Gather(CommandMeta meta, String node, ActorRef<GatherReply> replyTo) implements Command, CborSerializable {}

  /** Make {@code count} of recipe {@code recipe}. */
  public record Craft(CommandMeta meta, String recipe, int count, ActorRef<CraftReply> replyTo)
      implements Command, CborSerializable {}

  /** Wear or wield one {@code item} from the pack, in the slot it declares. */
  public record Equip(CommandMeta meta, String item, ActorRef<EquipReply> replyTo) implements Command, CborSerializable {}

  /** Put back into the pack what is in a slot: {@code what} is a slot ("main-hand") or an equipped item id. */
  public record Unequip(CommandMeta meta, String what, ActorRef<EquipReply> replyTo) implements Command, CborSerializable {}

  /** Eat, drink or otherwise consume one {@code item}. */
  public record Use(CommandMeta meta, String item, ActorRef<UseReply> replyTo) implements Command, CborSerializable {}

  /** Attack a creature here: {@code target} is a creature id ("vale.wolf.1") or its kind's id, name or alias. */
  public record Attack(CommandMeta meta, String target, ActorRef<AttackReply> replyTo)
      implements Command, CborSerializable {}

  /** Sit down and rest: regeneration triples until the next action. */
  public record Rest(CommandMeta meta, ActorRef<RestReply> replyTo) implements Command, CborSerializable {}

  /** An operator moves the character to {@code location}, through no exit and at no cost. */
  public record Teleport(CommandMeta meta, String location, ActorRef<MoveReply> replyTo) implements Command, CborSerializable {}

  /** An operator puts items into the character's pack, if they fit. */
  public record Grant(CommandMeta meta, String item, int quantity, ActorRef<TakeReply> replyTo)
      implements Command, CborSerializable {}

  /**
   * Hand {@code quantity} of {@code item} to the character {@code to}, who must be at the same place.
   * What does not fit into their pack is set down at their feet.
   */
  public record Give(CommandMeta meta, String item, int quantity, String to, ActorRef<GiveReply> replyTo)
      implements Command, CborSerializable {}

  /**
   * First step of a give, asked of the receiver: could it take these units from {@code from} at
   * {@code location}? Changes nothing.
   */
  public record Offer(CommandMeta meta, String from, String item, int quantity, String location,
      ActorRef<OfferReply> replyTo) implements Command, CborSerializable {}

  /**
   * Second step of a give, after the giver has persisted the handover: the receiver records the
   * units, or, when they no longer fit, has them set down at {@code location}. Never refused, so
   * nothing handed over is lost; idempotent by command id.
   */
  public record Receive(CommandMeta meta, String from, String item, int quantity, String location,
      ActorRef<ReceiveReply> replyTo) implements Command, CborSerializable {}

  /** Hand units from the pack to the NPC {@code npc} here. */
  public record GiveToNpc(CommandMeta meta, String item, int quantity, String npc, ActorRef<GiveToNpcReply> replyTo)
      implements Command, CborSerializable {}

  /** The next step of a capability in progress, run when another entity has answered. Local only. */
  /**
   * Talks to the NPC {@code npc} where the player stands, about {@code topic} (null: just talking);
   * the NPC hears the player's standing with its faction.
   */
  public record TalkToNpc(CommandMeta meta, String npc, String topic, ActorRef<TalkToNpcReply> replyTo)
      implements Command, CborSerializable {}

  /**
   * Takes on {@code quest} (an id or title), or with null the quest or need the NPC last talked to
   * offered. Data quests are offered by their giver; an NPC's need by that NPC, while it lasts.
   */
  public record AcceptQuest(CommandMeta meta, String quest, ActorRef<QuestReply> replyTo)
      implements Command, CborSerializable {}

  public record AbandonQuest(CommandMeta meta, String quest, ActorRef<QuestReply> replyTo)
      implements Command, CborSerializable {}

  public record ShowQuests(CommandMeta meta, ActorRef<QuestsView> replyTo) implements Command, CborSerializable {}

  private record Resume(CommandMeta meta, java.util.function.Function<State, ReplyEffect<Event, State>> step)
      implements Command {}

  /**
   * A creature attacks the player on its own (see {@link CreatureEntity.Assault}). The player owns its
   * hit points, so it rolls the blow, records it (and a death it causes) and has its location tell
   * everyone present. Refused when the player is no longer where the creature struck.
   */
  public record Ambush(CommandMeta meta, CreatureEntity.Assault assault, ActorRef<AmbushReply> replyTo)
      implements Command, CborSerializable {}

  public sealed interface JoinReply extends CborSerializable permits Joined, Rejected {}

  public sealed interface GiveReply extends CborSerializable permits Given, Rejected {}

  public sealed interface OfferReply extends CborSerializable permits OfferAccepted, Rejected {}

  public sealed interface ReceiveReply extends CborSerializable permits Received {}

  /** @param atTheirFeet the units did not fit into the receiver's pack and lie on the ground */
  public record Given(String item, int quantity, String to, boolean atTheirFeet, InventoryView inventory, long lamport)
      implements GiveReply {}

  public record OfferAccepted(long lamport) implements OfferReply {}

  public record Received(boolean atMyFeet, long lamport) implements ReceiveReply {}

  public sealed interface MoveReply extends CborSerializable permits Arrived, Rejected {}

  public sealed interface LookReply extends CborSerializable permits Looked, Rejected {}

  public sealed interface TakeReply extends CborSerializable permits Taken, Rejected {}

  public sealed interface DropReply extends CborSerializable permits Dropped, Rejected {}

  public sealed interface GatherReply extends CborSerializable permits Gathered, Rejected {}

  public sealed interface CraftReply extends CborSerializable permits Crafted, Rejected {}

  public sealed interface EquipReply extends CborSerializable permits Equipped, Unequipped, Rejected {}

  public sealed interface UseReply extends CborSerializable permits Used, Rejected {}

  public sealed interface AttackReply extends CborSerializable permits Fought, Rejected {}

  public sealed interface RestReply extends CborSerializable permits Resting, Rejected {}

  public sealed interface AmbushReply extends CborSerializable permits Ambushed, Rejected {}

  /** @param death set when the blow killed the player */
  public record Ambushed(String creature, Blow blow, EffectGrant inflicted, int hp, Death death, long lamport)
      implements AmbushReply {}

  public sealed interface GiveToNpcReply extends CborSerializable permits GaveToNpc, Rejected {}

  public sealed interface TalkToNpcReply extends CborSerializable permits TalkedToNpc, Rejected {}

  /**
   * What the NPC said; {@code offer} is a need it asks the player's help with, or null;
   * {@code quests} the data quests it offers the player; {@code completed} the quests turned in by
   * this talk, with their rewards; {@code heldBack} the ones done whose item rewards do not fit into
   * the pack (they stay done, to be turned in again once there is room); {@code withdrawn} the titles
   * of this NPC's needs the player had taken on and the NPC no longer has.
   */
  public record TalkedToNpc(String npc, String name, String line, Mood mood, Goal offer, List<QuestOffer> quests,
      List<QuestView> completed, List<QuestView> heldBack, List<String> withdrawn, long lamport)
      implements TalkToNpcReply {}

  public record QuestOffer(String id, String title, String text) implements CborSerializable {}

  public sealed interface QuestReply extends CborSerializable permits QuestTaken, QuestDropped, Rejected {}

  public record QuestTaken(QuestView quest, long lamport) implements QuestReply {}

  public record QuestDropped(String quest, String title, long lamport) implements QuestReply {}

  /** The quest log: active quests with progress, then the completed ones. */
  public record QuestsView(List<QuestView> active, List<QuestView> completed) implements CborSerializable {}

  /**
   * One quest; {@code objectives} with progress (empty for completed ones whose data is gone);
   * {@code exp}, {@code items} and {@code standing} the rewards it gives on completion.
   */
  public record QuestView(String id, String title, String giver, boolean emergent, boolean done,
      List<ObjectiveView> objectives, int exp, Map<String, Integer> items, Map<String, Integer> standing)
      implements CborSerializable {}

  /** @param to the NPC to deliver to (deliver only) */
  public record ObjectiveView(String kind, String target, String to, int count, int progress, String text)
      implements CborSerializable {}

  public record Joined(LocationView here, StatusView status, long lamport) implements JoinReply {}

  public record Arrived(String from, String to, Direction direction, LocationView here, int stamina, long lamport)
      implements MoveReply {}

  public record Looked(LocationView here, long lamport) implements LookReply {}

  public record Taken(String item, int quantity, InventoryView inventory, long lamport) implements TakeReply {}

  public record Dropped(String item, int quantity, InventoryView inventory, long lamport) implements DropReply {}

  /**
   * @param remaining what the node still holds
   * @param levelUp the new level if this raised it, else 0
   */
  public record Gathered(
      String node, String item, int quantity, int remaining, int exp, int levelUp, int stamina, long lamport)
      implements GatherReply {}

  public record Crafted(
      String recipe, int count, List<ItemStack> consumed, List<ItemStack> produced, int exp, int levelUp, int stamina,
      long lamport) implements CraftReply {}

  public record Equipped(String item, EquipSlot slot, StatusView status, long lamport) implements EquipReply {}

  public record Unequipped(String item, EquipSlot slot, StatusView status, long lamport) implements EquipReply {}

  public record Used(String item, int hp, int mp, int sp, List<EffectGrant> effects, StatusView status, long lamport)
      implements UseReply {}

  /**
   * The outcome of one attack.
   *
   * @param blow the player's blow
   * @param counter the creature's blow back
   * @param inflicted an effect the creature's blow applied, or null
   * @param loot what the creature dropped where it fell
   * @param death set when the counter-blow killed the player
   */
  public record Fought(
      String creature, String kind, Blow blow, Blow counter, EffectGrant inflicted, int creatureHp, int creatureHpMax,
      boolean killed, int exp, int levelUp, List<ItemStack> loot, Death death, StatusView status, long lamport)
      implements AttackReply {}

  /** What dying cost: where the pack was dropped, where the player woke, the experience lost. */
  public record Death(String fellAt, String wokeAt, List<ItemStack> dropped, long expLost) implements CborSerializable {}

  public record Resting(StatusView status, long lamport) implements RestReply {}

  /**
   * @param line what the NPC said to it, its own words
   * @param helped the NPC's goal the gift met, or null; {@code exp} is the reward for it
   */
  public record GaveToNpc(String npc, String name, String item, int quantity, String line, Goal helped, int exp,
      InventoryView inventory, long lamport) implements GiveToNpcReply {}

  public record Rejected(Rejection rejection, long lamport)
      implements JoinReply, MoveReply, LookReply, TakeReply, DropReply, GatherReply, CraftReply, EquipReply, UseReply,
          AttackReply, RestReply, GiveReply, OfferReply, AmbushReply, GiveToNpcReply,
          TalkToNpcReply, QuestReply {}

  /**
   * @param weightGrams what the pack and the equipped items weigh together
   * @param equipped slot to item id
   */
  public record InventoryView(
      List<ItemStack> items, int slotsUsed, int slots, int weightGrams, int carryGrams, Map<EquipSlot, String> equipped)
      implements CborSerializable {}

  public record EffectView(String effect, int magnitude, int stacks, long ticksLeft) implements CborSerializable {}

  /** The character sheet. */
  public record StatusView(
      String name, String location, int level, long exp, long expToNext, int hp, int hpMax, int mp, int mpMax, int sp,
      int spMax, int attack, int defense, int gather, int critPercent, int carryGrams, Map<EquipSlot, String> equipped,
      List<EffectView> effects, boolean resting, int deaths, List<StandingView> standing) implements CborSerializable {}

  /** Standing with one faction, -100..100, and its tier (hostile, unfriendly, neutral, friendly, honoured). */
  public record StandingView(String faction, String name, int standing, String tier) implements CborSerializable {}

  // ---- events ----------------------------------------------------------------------------------

  /** Every event says at which world tick it happened; vitals are carried forward to it. */
  public sealed interface Event extends CborSerializable
      permits EnteredWorld, Moved, ItemReceived, ItemHandedOver, GiftReceived, GiftSetDown, ResourcesGathered, ItemsCrafted,
          ItemEquipped, ItemUnequipped, ItemUsed, CreatureFought, Died, RestStarted, ItemGiven, HelpRewarded, StandingChanged,
          QuestAccepted, QuestAbandoned, QuestTalked, QuestCompleted, QuestWithdrawn {
    long lamport();

    UUID commandId();

    long tick();
  }

  /** A new character appeared at {@code location}. */
  public record EnteredWorld(long lamport, UUID commandId, String location, long tick) implements Event {}

  /** @param direction null when not a walk (waking at home after dying) */
  public record Moved(long lamport, UUID commandId, String from, String to, Direction direction, int staminaCost, long tick)
      implements Event {}

  /** The receipt of a take whose grant {@code location} persisted ({@code location} null: an operator's gift). */
  public record ItemReceived(long lamport, UUID commandId, String item, int quantity, String location, long tick)
      implements Event {}

  /**
   * The grant of a drop or a give: these units left the pack for {@code location}'s ground, or, when
   * {@code to} is set, for that character's pack (at {@code location}, where both stood).
   */
  public record ItemHandedOver(
      long lamport, UUID commandId, String item, int quantity, String location, long tick, String to)
      implements Event {

    /** A drop: the units go to the ground. */
    public ItemHandedOver(long lamport, UUID commandId, String item, int quantity, String location, long tick) {
      this(lamport, commandId, item, quantity, location, tick, null);
    }
  }

  /** The receipt of a give whose grant {@code from} persisted (its {@link ItemHandedOver}, same command id). */
  public record GiftReceived(long lamport, UUID commandId, String item, int quantity, String from, String location,
      long tick) implements Event {}

  /**
   * The other receipt of a give: the units did not fit (or the receiver had moved on), so they are
   * owed to the ground at {@code location}, delivered there as a drop under the give's command id.
   */
  public record GiftSetDown(long lamport, UUID commandId, String item, int quantity, String from, String location,
      long tick) implements Event {}

  /** The receipt of a gather whose grant {@code location} persisted. */
  public record ResourcesGathered(
      long lamport, UUID commandId, String location, String node, String item, int quantity, int staminaCost, int exp,
      long tick) implements Event {}

  /** What was used up and what was made are recorded, so a replay does not depend on today's recipes. */
  public record ItemsCrafted(
      long lamport, UUID commandId, String recipe, int count, Inventory consumed, Inventory produced, String location,
      int staminaCost, int exp, long tick) implements Event {}

  public record ItemEquipped(long lamport, UUID commandId, String item, EquipSlot slot, long tick) implements Event {}

  public record ItemUnequipped(long lamport, UUID commandId, String item, EquipSlot slot, long tick) implements Event {}

  /** One unit consumed, restoring these points and applying these effects. */
  public record ItemUsed(long lamport, UUID commandId, String item, int hp, int mp, int sp, List<EffectGrant> effects,
      long tick) implements Event {}

  /** The receipt of an attack the creature decided. */
  public record CreatureFought(
      long lamport, UUID commandId, String creature, Blow blow, Blow counter, EffectGrant inflicted, boolean killed,
      int exp, int staminaCost, long tick) implements Event {}

  /**
   * Hit points ran out at {@code place}. The pack is handed over to that place, the character wakes at
   * {@code home}, and loses {@code expLost}.
   */
  public record Died(long lamport, UUID commandId, String place, String home, Inventory dropped, long expLost, long tick)
      implements Event {}

  public record RestStarted(long lamport, UUID commandId, long tick) implements Event {}

  /** The grant of a gift: these units left the pack for the NPC {@code npc}. */
  public record ItemGiven(long lamport, UUID commandId, String item, int quantity, String npc, long tick) implements Event {}

  /** The NPC {@code npc} was helped with its goal {@code goal}, for {@code exp}. */
  public record HelpRewarded(long lamport, UUID commandId, String npc, String goal, int exp, long tick) implements Event {}

  /**
   * The player's standing moved by {@code changes} (faction id to points, before clamping to
   * -100..100) for a deed: {@code reason} says which ("gift", "help", ...).
   */
  public record StandingChanged(long lamport, UUID commandId, String reason, Map<String, Integer> changes, long tick)
      implements Event {}

  /** A quest taken on, its objectives copied in, nothing done yet (a place to reach counts if the player is there). */
  public record QuestAccepted(long lamport, UUID commandId, QuestLog.Active quest, long tick) implements Event {}

  public record QuestAbandoned(long lamport, UUID commandId, String quest, long tick) implements Event {}

  /** An NPC's need the player had taken on is no longer there (it was met otherwise): off the log. */
  public record QuestWithdrawn(long lamport, UUID commandId, String quest, String npc, long tick) implements Event {}

  /** The player talked to {@code npc} while a quest asked it to. */
  public record QuestTalked(long lamport, UUID commandId, String npc, long tick) implements Event {}

  /** A quest done and turned in: {@code exp} and {@code items} gained (standing comes as its own event). */
  public record QuestCompleted(long lamport, UUID commandId, String quest, int exp, Map<String, Integer> items, long tick)
      implements Event {}

  // ---- state -----------------------------------------------------------------------------------

  /**
   * @param location where the player is (null before it first joins)
   * @param inventory the pack (equipped items are not in it)
   * @param vitals as of the latest event
   * @param effects buffs and debuffs, expired ones pruned when events are applied
   * @param lastMove the latest move, so its departure can be re-sent after a crash
   * @param handovers the latest drops, so their delivery can be re-sent after a crash
   */
  public record State(
      String location, Inventory inventory, Equipment equipment, Vitals vitals, long exp, List<ActiveEffect> effects,
      boolean resting, Moved lastMove, List<ItemHandedOver> handovers, int deaths, long clock, RecentCommands recent,
      Map<String, Integer> standing, QuestLog quests)
      implements CborSerializable {

    public State {
      effects = List.copyOf(effects);
      handovers = List.copyOf(handovers);
      // Absent in snapshots taken before standing was kept.
      standing = standing == null ? Map.of() : Map.copyOf(standing);
      quests = quests == null ? QuestLog.EMPTY : quests;
    }

    State withQuests(QuestLog quests) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths, clock,
          recent, standing, quests);
    }

    State withStanding(Map<String, Integer> standing) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths, clock,
          recent, standing, quests);
    }

    public boolean inWorld() {
      return location != null;
    }

    public int level() {
      return LevelRules.levelFor(exp);
    }

    State at(String location) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths, clock,
          recent, standing, quests);
    }

    State with(Inventory inventory, Equipment equipment) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths, clock,
          recent, standing, quests);
    }

    State with(Vitals vitals, List<ActiveEffect> effects) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths, clock,
          recent, standing, quests);
    }

    State withExp(long exp) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths, clock,
          recent, standing, quests);
    }

    State resting(boolean resting) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths, clock,
          recent, standing, quests);
    }

    State withMove(Moved lastMove) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths, clock,
          recent, standing, quests);
    }

    State withHandovers(List<ItemHandedOver> handovers, int deaths) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths, clock,
          recent, standing, quests);
    }

    State recorded(Event e, int dedupWindow) {
      return new State(location, inventory, equipment, vitals, exp, effects, resting, lastMove, handovers, deaths,
          Math.max(clock, e.lamport()), recent.resized(dedupWindow).add(e.commandId()), standing, quests);
    }
  }

  // ---- behaviour -------------------------------------------------------------------------------

  private final String name;
  private final World world;
  private final EntitySettings settings;
  private final Peers peers;
  private final TickClock ticks;
  private final ActorContext<Command> context;
  /** The capability waiting for another entity's answer, or null; not state: a crash forgets it. */
  private CommandMeta inFlight;

  private PlayerEntity(
      String name, World world, EntitySettings settings, Peers peers, TickClock ticks, ActorContext<Command> context) {
    super(PersistenceId.of(ENTITY_KEY.name(), name));
    this.name = name;
    this.world = world;
    this.settings = settings;
    this.peers = peers;
    this.ticks = ticks;
    this.context = context;
  }

  public static void init(ClusterSharding sharding, World world, EntitySettings settings, TickClock ticks) {
    Peers peers = Peers.sharded(sharding);
    sharding.init(settings.routing().placed(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), world, settings, peers, ticks)), EntityKind.PLAYER));
  }

  public static Behavior<Command> create(String name, World world, EntitySettings settings, Peers peers, TickClock ticks) {
    return Behaviors.setup(context -> EntityBehaviors.withMdc(Command.class, EntityKind.PLAYER, name,
        new PlayerEntity(name, world, settings, peers, ticks, context)));
  }

  /**
   * The entity outside any actor system, for its {@link #emptyState()} and {@link #eventHandler()}
   * only: the journal replay rebuilds states with the entity's own event handler. Running its
   * commands is not possible (it has no peers, clock or actor context).
   */
  public static PlayerEntity forReplay(String name, World world, EntitySettings settings) {
    return new PlayerEntity(name, world, settings, null, null, null);
  }

  @Override
  public State emptyState() {
    Stats stats = StatRules.derive(world.player(), 1, StatBonus.NONE);
    return new State(null, Inventory.EMPTY, Equipment.NONE, Vitals.full(stats, 0), 0, List.of(), false, null, List.of(),
        0, 0, RecentCommands.withCapacity(settings.dedupWindow()), Map.of(),
        QuestLog.EMPTY);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return settings.tagsFor(EntityKind.PLAYER, persistenceId());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::reassertPresence).build();
  }

  /**
   * After recovery the player tells its location it is there, tells the place it last left that it
   * is gone, and re-delivers recent drops. All three are idempotent at the location, so repeating
   * them after a clean stop is harmless, and after a crash between two steps it completes them.
   */
  private void reassertPresence(State state) {
    if (!state.inWorld()) {
      return;
    }
    CommandMeta meta = new CommandMeta(UUID.randomUUID(), name, state.clock());
    location(state.location()).tell(new LocationEntity.Enter(meta, name, null, context.getSystem().ignoreRef()));
    if (state.lastMove() != null) {
      Moved m = state.lastMove();
      location(m.from()).tell(new LocationEntity.Leave(
          new CommandMeta(m.commandId(), name, m.lamport()), name, m.to(), context.getSystem().ignoreRef()));
    }
    long now = ticks.now();
    for (ItemHandedOver h : state.handovers()) {
      if (now - h.tick() <= HANDOVER_REDELIVERY_TICKS) {
        if (h.to() == null) {
          placeHandover(h);
        } else {
          peers.players().apply(h.to()).tell(new Receive(new CommandMeta(h.commandId(), name, h.lamport()), name,
              h.item(), h.quantity(), h.location(), context.getSystem().ignoreRef()));
        }
      }
    }
  }

  private void placeHandover(ItemHandedOver h) {
    location(h.location()).tell(new LocationEntity.PlaceItem(
        new CommandMeta(h.commandId(), name, h.lamport()), name, h.item(), h.quantity(), context.getSystem().ignoreRef()));
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Resume.class, this::onResume)
        .onCommand(ShowInventory.class, (s, c) -> Effect().reply(c.replyTo(), inventoryView(s)))
        .onCommand(ShowStatus.class, (s, c) -> Effect().reply(c.replyTo(), statusView(s)))
        // Answered even mid-capability, so two characters giving to each other do not wait on each other.
        .onCommand(Offer.class, this::onOffer)
        .onCommand(Receive.class, this::onReceive)
        .onCommand(c -> inFlight != null, (s, c) -> Effect().stash())
        .onCommand(Join.class, this::onJoin)
        .onCommand(Move.class, this::onMove)
        .onCommand(Look.class, this::onLook)
        .onCommand(Take.class, this::onTake)
        .onCommand(Drop.class, this::onDrop)
        .onCommand(Gather.class, this::onGather)
        .onCommand(Craft.class, this::onCraft)
        .onCommand(Equip.class, this::onEquip)
        .onCommand(Unequip.class, this::onUnequip)
        .onCommand(Use.class, this::onUse)
        .onCommand(Attack.class, this::onAttack)
        .onCommand(Rest.class, this::onRest)
        .onCommand(Teleport.class, this::onTeleport)
        .onCommand(Grant.class, this::onGrant)
        .onCommand(Give.class, this::onGive)
        .onCommand(Ambush.class, this::onAmbush)
        .onCommand(GiveToNpc.class, this::onGiveToNpc)
        .onCommand(TalkToNpc.class, this::onTalkToNpc)
        .onCommand(AcceptQuest.class, this::onAcceptQuest)
        .onCommand(AbandonQuest.class, this::onAbandonQuest)
        .onCommand(ShowQuests.class, (s, c) -> Effect().reply(c.replyTo(), questsView(s)))
        .build();
  }

  private ReplyEffect<Event, State> onResume(State state, Resume resume) {
    if (inFlight == null || !inFlight.commandId().equals(resume.meta().commandId())) {
      throw new IllegalStateException("resumed " + resume.meta().commandId() + " while " + inFlight + " was in flight");
    }
    return resume.step().apply(state);
  }

  // ---- join and look ----

  private ReplyEffect<Event, State> onJoin(State state, Join cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    String where = state.inWorld() ? state.location() : world.start();
    return this.<LocationEntity.Command, LocationEntity.EnterReply>askThen(cmd.meta(), location(where),
        ref -> new LocationEntity.Enter(cmd.meta().relayedAt(stamp), name, null, ref),
        (s, reply) -> {
          if (reply instanceof LocationEntity.Rejected r) {
            return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
          }
          LocationEntity.Entered entered = (LocationEntity.Entered) reply;
          if (s.inWorld()) {
            return finish(cmd.replyTo(), new Joined(entered.view(), statusView(s), entered.lamport()));
          }
          EnteredWorld event = new EnteredWorld(Lamport.receive(s.clock(), entered.lamport()), cmd.meta().commandId(),
              where, ticks.now());
          return finish(Effect().persist(event), cmd.replyTo(),
              after -> new Joined(entered.view(), statusView(after), event.lamport()));
        },
        cmd.replyTo());
  }

  private ReplyEffect<Event, State> onLook(State state, Look cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    return this.<LocationEntity.Command, LocationEntity.LookReply>askThen(cmd.meta(), location(state.location()),
        ref -> new LocationEntity.Look(cmd.meta().relayedAt(stamp), ref),
        (s, reply) -> finish(cmd.replyTo(), reply instanceof LocationEntity.Seen seen
            ? new Looked(seen.view(), seen.lamport())
            : new Rejected(((LocationEntity.Rejected) reply).rejection(), stamp)),
        cmd.replyTo());
  }

  // ---- move ----

  private ReplyEffect<Event, State> onMove(State state, Move cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Direction> direction = Direction.parse(cmd.direction());
    if (direction.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Rejected(Rejection.of(Code.UNKNOWN_DIRECTION,
          "'" + cmd.direction() + "' is not a direction. Try one of: " + Direction.allowedValues() + "."), stamp));
    }
    if (state.recent().contains(cmd.meta().commandId())) {
      return repeatMove(state, cmd, direction.get(), stamp);
    }
    String from = state.location();
    // Exits are world data: the player decides on its own instead of queueing at a busy location.
    LocationDef here = world.location(from).orElse(null);
    if (here == null) {
      return reject(cmd.replyTo(), stamp, Code.NO_EXIT, "You cannot go " + direction.get().label() + " from here.");
    }
    Optional<Rejection> closed = ExitRules.refusal(here, direction.get());
    if (closed.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(closed.get(), stamp));
    }
    ExitDef exit = here.exits().get(direction.get());
    int stamina = current(state, ticks.now()).vitals().sp();
    if (stamina < exit.staminaCost()) {
      return Effect().reply(cmd.replyTo(), new Rejected(Rejection.of(Code.NOT_ENOUGH_STAMINA, String.format(
          "You are too tired to go %s: it takes %d stamina and you have %d.",
          direction.get().label(), exit.staminaCost(), stamina)), stamp));
    }
    return enterThenMove(cmd.meta(), cmd.replyTo(), from, exit.target(), exit.direction(), exit.staminaCost(), stamp);
  }

  /**
   * The second half of a move (a walk, or an operator's teleport with no direction and no cost): the
   * target accepts the entry, the player persists its new location, and the origin is told.
   */
  private ReplyEffect<Event, State> enterThenMove(
      CommandMeta meta, ActorRef<MoveReply> replyTo, String from, String to, Direction direction, int staminaCost,
      long stamp) {
    return this.<LocationEntity.Command, LocationEntity.EnterReply>askThen(meta, location(to),
        ref -> new LocationEntity.Enter(meta.relayedAt(stamp), name, from, ref),
        (s, enterReply) -> {
          if (enterReply instanceof LocationEntity.Rejected r) {
            return finish(replyTo, new Rejected(r.rejection(), r.lamport()));
          }
          LocationEntity.Entered entered = (LocationEntity.Entered) enterReply;
          Moved event = new Moved(Lamport.receive(s.clock(), entered.lamport()), meta.commandId(), from, to, direction,
              staminaCost, ticks.now());
          return finish(
              Effect().persist(event).thenRun(after -> location(from).tell(new LocationEntity.Leave(
                  meta.relayedAt(event.lamport()), name, to, context.getSystem().ignoreRef()))),
              replyTo,
              after -> new Arrived(from, to, direction, entered.view(), after.vitals().sp(), event.lamport()));
        },
        replyTo);
  }

  /**
   * A retried move that was already applied moves nothing. If it was the latest move, both
   * locations are told again (a crash may have cut the protocol short); either way the answer is
   * where the player is now.
   */
  private ReplyEffect<Event, State> repeatMove(State state, Move cmd, Direction direction, long stamp) {
    Moved m = state.lastMove();
    boolean latest = m != null && m.commandId().equals(cmd.meta().commandId());
    if (latest) {
      location(m.from()).tell(new LocationEntity.Leave(cmd.meta().relayedAt(stamp), name, m.to(), context.getSystem().ignoreRef()));
    }
    String from = latest ? m.from() : null;
    return this.<LocationEntity.Command, LocationEntity.EnterReply>askThen(cmd.meta(), location(state.location()),
        ref -> new LocationEntity.Enter(cmd.meta().relayedAt(stamp), name, from, ref),
        (s, reply) -> finish(cmd.replyTo(), reply instanceof LocationEntity.Entered entered
            ? new Arrived(from, s.location(), latest ? m.direction() : direction, entered.view(),
                current(s, ticks.now()).vitals().sp(), entered.lamport())
            : new Rejected(((LocationEntity.Rejected) reply).rejection(), stamp)),
        cmd.replyTo());
  }

  // ---- take and drop ----

  private ReplyEffect<Event, State> onTake(State state, Take cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejected> refusal = refuseItemCommand(state, cmd.item(), stamp);
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), refusal.get());
    }
    Optional<TakeReply> answered = answerAdd(state, cmd.meta(), cmd.item(), cmd.quantity(), stamp);
    if (answered.isPresent()) {
      return Effect().reply(cmd.replyTo(), answered.get());
    }
    String here = state.location();
    return this.<LocationEntity.Command, LocationEntity.TakeReply>askThen(cmd.meta(), location(here),
        ref -> new LocationEntity.TakeItem(cmd.meta().relayedAt(stamp), name, cmd.item(), cmd.quantity(), ref),
        (s, reply) -> {
          if (reply instanceof LocationEntity.Rejected r) {
            return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
          }
          LocationEntity.ItemGranted granted = (LocationEntity.ItemGranted) reply;
          ItemReceived event = new ItemReceived(Lamport.receive(s.clock(), granted.lamport()), cmd.meta().commandId(),
              granted.item(), granted.quantity(), here, ticks.now());
          return finish(Effect().persist(event), cmd.replyTo(),
              after -> new Taken(granted.item(), granted.quantity(), inventoryView(after), event.lamport()));
        },
        cmd.replyTo());
  }

  private ReplyEffect<Event, State> onDrop(State state, Drop cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejected> refusal = refuseItemCommand(state, cmd.item(), stamp);
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), refusal.get());
    }
    ItemDef item = itemDef(cmd.item());
    if (state.recent().contains(cmd.meta().commandId())) {
      // Already handed over: deliver again (the location ignores a repeat) and answer as before.
      ItemHandedOver earlier = state.handovers().stream()
          .filter(h -> h.commandId().equals(cmd.meta().commandId())).findFirst().orElse(null);
      if (earlier == null) {
        return Effect().reply(cmd.replyTo(), new Dropped(cmd.item(), cmd.quantity(), inventoryView(state), stamp));
      }
      return placeItem(cmd, earlier, Effect().none().thenRun(s -> { }));
    }
    Optional<Rejection> refused = InventoryRules.checkRemove(state.inventory(), item, cmd.quantity(),
        Code.ITEM_NOT_CARRIED, "in your pack");
    if (refused.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(refused.get(), stamp));
    }
    ItemHandedOver event = new ItemHandedOver(stamp, cmd.meta().commandId(), cmd.item(), cmd.quantity(),
        state.location(), ticks.now());
    return placeItem(cmd, event, Effect().persist(event));
  }

  /**
   * The answer to a take or grant that needs no change: the same answer again for a command already
   * applied, or why the units do not fit into the pack. Empty when they should be added.
   */
  private Optional<TakeReply> answerAdd(State state, CommandMeta meta, String item, int quantity, long stamp) {
    if (state.recent().contains(meta.commandId())) {
      return Optional.of(new Taken(item, quantity, inventoryView(state), stamp));
    }
    return InventoryRules.checkAdd(state.inventory(), itemDef(item), quantity,
        packCapacity(state, stats(state, ticks.now())), this::itemDef).map(r -> new Rejected(r, stamp));
  }

  /** The location's half of a drop, after the handover is persisted (or found already persisted). */
  private ReplyEffect<Event, State> placeItem(Drop cmd, ItemHandedOver handover, EffectBuilder<Event, State> persisted) {
    inFlight = cmd.meta();
    return persisted
        .thenRun(s -> this.<LocationEntity.Command, LocationEntity.PlaceReply>ask(cmd.meta(), location(handover.location()),
            ref -> new LocationEntity.PlaceItem(cmd.meta().relayedAt(handover.lamport()), name, handover.item(),
                handover.quantity(), ref),
            (after, reply) -> finish(cmd.replyTo(), reply instanceof LocationEntity.ItemPlaced placed
                ? new Dropped(handover.item(), handover.quantity(), inventoryView(after), placed.lamport())
                : new Rejected(((LocationEntity.Rejected) reply).rejection(), handover.lamport())),
            cmd.replyTo()))
        .thenNoReply();
  }

  // ---- give ----

  /**
   * Give runs as offer, handover, receipt: the receiver is asked whether it can take the units (it
   * must stand here and have room), then the giver persists the handover (the grant), then the
   * receiver records the receipt. A receiver that has since filled its pack or moved on has the
   * units set down where the two stood, so nothing handed over is lost; the handover is re-sent on
   * the giver's recovery and the receiver answers a repeat without a second change.
   */
  private ReplyEffect<Event, State> onGive(State state, Give cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejected> refusal = refuseItemCommand(state, cmd.item(), stamp);
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), refusal.get());
    }
    if (cmd.to() == null || cmd.to().isBlank()) {
      return reject(cmd.replyTo(), stamp, Code.NOT_HERE, "Give it to whom?");
    }
    if (cmd.to().equals(name)) {
      return reject(cmd.replyTo(), stamp, Code.NOT_HERE, "You already have it.");
    }
    ItemHandedOver earlier = state.handovers().stream()
        .filter(h -> h.commandId().equals(cmd.meta().commandId())).findFirst().orElse(null);
    if (earlier != null) {
      return handToReceiver(cmd, earlier, Effect().none().thenRun(s -> { }));
    }
    if (state.recent().contains(cmd.meta().commandId())) {
      return Effect().reply(cmd.replyTo(), new Given(cmd.item(), cmd.quantity(), cmd.to(), false, inventoryView(state), stamp));
    }
    Optional<Rejection> refused = InventoryRules.checkRemove(state.inventory(), itemDef(cmd.item()), cmd.quantity(),
        Code.ITEM_NOT_CARRIED, "in your pack");
    if (refused.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(refused.get(), stamp));
    }
    String here = state.location();
    return this.<Command, OfferReply>askThen(cmd.meta(), peers.players().apply(cmd.to()),
        ref -> new Offer(cmd.meta().relayedAt(stamp), name, cmd.item(), cmd.quantity(), here, ref),
        (s, reply) -> {
          if (reply instanceof Rejected r) {
            return finish(cmd.replyTo(), r);
          }
          // Checked again: the pack may have changed while the receiver was asked.
          Optional<Rejection> gone = InventoryRules.checkRemove(s.inventory(), itemDef(cmd.item()), cmd.quantity(),
              Code.ITEM_NOT_CARRIED, "in your pack");
          if (gone.isPresent() || !here.equals(s.location())) {
            return finish(cmd.replyTo(), new Rejected(gone.orElse(Rejection.of(Code.NOT_HERE,
                "You moved before you could hand it over.")), s.clock()));
          }
          ItemHandedOver event = new ItemHandedOver(Lamport.receive(s.clock(), ((OfferAccepted) reply).lamport()),
              cmd.meta().commandId(), cmd.item(), cmd.quantity(), here, ticks.now(), cmd.to());
          return handToReceiver(cmd, event, Effect().persist(event));
        },
        cmd.replyTo());
  }

  /** The receiver's half of a give, after the handover is persisted (or found already persisted). */
  private ReplyEffect<Event, State> handToReceiver(Give cmd, ItemHandedOver handover, EffectBuilder<Event, State> persisted) {
    inFlight = cmd.meta();
    return persisted
        .thenRun(s -> this.<Command, ReceiveReply>ask(cmd.meta(), peers.players().apply(handover.to()),
            ref -> new Receive(cmd.meta().relayedAt(handover.lamport()), name, handover.item(), handover.quantity(),
                handover.location(), ref),
            (after, reply) -> finish(cmd.replyTo(), new Given(handover.item(), handover.quantity(), handover.to(),
                ((Received) reply).atMyFeet(), inventoryView(after), ((Received) reply).lamport())),
            cmd.replyTo()))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onOffer(State state, Offer cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (!state.inWorld() || !cmd.location().equals(state.location())) {
      return reject(cmd.replyTo(), stamp, Code.NOT_HERE, "There is no one called " + name + " here.");
    }
    Optional<Rejection> full = InventoryRules.checkAdd(state.inventory(), itemDef(cmd.item()), cmd.quantity(),
        packCapacity(state, stats(state, ticks.now())), this::itemDef);
    if (full.isPresent()) {
      return reject(cmd.replyTo(), stamp, full.get().code(), name + " cannot carry that: " + lowerFirst(full.get().message()));
    }
    return Effect().reply(cmd.replyTo(), new OfferAccepted(stamp));
  }

  private ReplyEffect<Event, State> onReceive(State state, Receive cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (state.recent().contains(cmd.meta().commandId())) {
      UUID setDownId = setDownId(cmd.meta().commandId());
      Optional<ItemHandedOver> setDown = state.handovers().stream()
          .filter(h -> h.commandId().equals(setDownId)).findFirst();
      setDown.ifPresent(this::placeHandover);
      return Effect().reply(cmd.replyTo(), new Received(setDown.isPresent(), stamp));
    }
    boolean fits = state.inWorld() && cmd.location().equals(state.location()) && InventoryRules.checkAdd(
        state.inventory(), itemDef(cmd.item()), cmd.quantity(), packCapacity(state, stats(state, ticks.now())),
        this::itemDef).isEmpty();
    if (!fits) {
      // Decided once and recorded: the units are owed to the ground where the giver stood, delivered
      // like a drop (again on recovery, and the location places a command id only once).
      GiftSetDown event = new GiftSetDown(stamp, cmd.meta().commandId(), cmd.item(), cmd.quantity(), cmd.from(),
          cmd.location(), ticks.now());
      return Effect().persist(event)
          .thenRun(after -> after.handovers().stream().filter(h -> h.commandId().equals(setDownId(event.commandId())))
              .forEach(this::placeHandover))
          .thenReply(cmd.replyTo(), after -> new Received(true, stamp));
    }
    GiftReceived event = new GiftReceived(stamp, cmd.meta().commandId(), cmd.item(), cmd.quantity(), cmd.from(),
        cmd.location(), ticks.now());
    return Effect().persist(event).thenReply(cmd.replyTo(), after -> new Received(false, stamp));
  }

  /** The command id under which a gift that did not fit is delivered to the ground: a step of the give. */
  public static UUID setDownId(UUID giveId) {
    return CommandMeta.derived(giveId, "set-down");
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  // ---- gather ----

  private ReplyEffect<Event, State> onGather(State state, Gather cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    long tick = ticks.now();
    State cur = current(state, tick);
    Stats stats = stats(cur, tick);
    NodeKindDef node = WorldNames.find(here(state).nodes(), world.nodes(), cmd.node(), NodeKindDef::name, NodeKindDef::aliases)
        .orElse(null);
    if (node == null) {
      return reject(cmd.replyTo(), stamp, Code.UNKNOWN_NODE, "There is nothing called '" + cmd.node() + "' to gather here.");
    }
    boolean repeat = state.recent().contains(cmd.meta().commandId());
    if (!repeat) {
      if (stats.level() < node.minLevel()) {
        return reject(cmd.replyTo(), stamp, Code.LEVEL_TOO_LOW, String.format(Locale.ROOT,
            "You need level %d to %s the %s; you are level %d.", node.minLevel(), node.verb(), node.name(), stats.level()));
      }
      if (cur.vitals().sp() < node.stamina()) {
        return reject(cmd.replyTo(), stamp, Code.NOT_ENOUGH_STAMINA, String.format(Locale.ROOT,
            "You are too tired to %s the %s: it takes %d stamina and you have %d.", node.verb(), node.name(),
            node.stamina(), cur.vitals().sp()));
      }
    }
    int toolPower = 0;
    if (node.tool() != null) {
      Optional<ItemDef> tool = GatherRules.bestTool(node.tool(), cur.inventory(), cur.equipment(), this::itemDef);
      if (tool.isEmpty()) {
        return reject(cmd.replyTo(), stamp, Code.NO_TOOL, String.format(Locale.ROOT,
            "You need a %s to %s the %s.", node.tool(), node.verb(), node.name()));
      }
      toolPower = tool.get().tool().power();
    }
    ItemDef item = itemDef(node.item());
    Capacity capacity = packCapacity(cur, stats);
    int room = repeat ? 1 : InventoryRules.roomFor(cur.inventory(), item, capacity, this::itemDef);
    if (room < 1) {
      return Effect().reply(cmd.replyTo(), new Rejected(
          InventoryRules.checkAdd(cur.inventory(), item, 1, capacity, this::itemDef).orElseThrow(), stamp));
    }
    int power = GatherRules.power(stats, toolPower);
    String here = state.location();
    return this.<LocationEntity.Command, LocationEntity.HarvestReply>askThen(cmd.meta(), location(here),
        ref -> new LocationEntity.Harvest(cmd.meta().relayedAt(stamp), name, node.id(), power, room, ref),
        (s, reply) -> {
          if (reply instanceof LocationEntity.Rejected r) {
            return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
          }
          LocationEntity.Harvested harvested = (LocationEntity.Harvested) reply;
          int exp = harvested.quantity() * node.exp();
          if (s.recent().contains(cmd.meta().commandId())) {
            return finish(cmd.replyTo(), new Gathered(node.id(), harvested.item(), harvested.quantity(),
                harvested.remaining(), exp, 0, current(s, ticks.now()).vitals().sp(), harvested.lamport()));
          }
          ResourcesGathered event = new ResourcesGathered(Lamport.receive(s.clock(), harvested.lamport()),
              cmd.meta().commandId(), here, node.id(), harvested.item(), harvested.quantity(), node.stamina(), exp,
              ticks.now());
          int before = s.level();
          return finish(Effect().persist(event), cmd.replyTo(),
              after -> new Gathered(node.id(), harvested.item(), harvested.quantity(), harvested.remaining(), exp,
                  levelUp(before, after), after.vitals().sp(), event.lamport()));
        },
        cmd.replyTo());
  }

  // ---- craft ----

  private ReplyEffect<Event, State> onCraft(State state, Craft cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    RecipeDef recipe = WorldNames.find(world.recipes().keySet(), world.recipes(), cmd.recipe(), RecipeDef::name,
        RecipeDef::aliases).orElse(null);
    if (recipe == null) {
      return reject(cmd.replyTo(), stamp, Code.UNKNOWN_RECIPE, "There is no recipe for '" + cmd.recipe() + "'.");
    }
    long tick = ticks.now();
    State cur = current(state, tick);
    Stats stats = stats(cur, tick);
    if (state.recent().contains(cmd.meta().commandId())) {
      return Effect().reply(cmd.replyTo(), crafted(recipe, cmd.count(), 0, cur.vitals().sp(), stamp));
    }
    Optional<Rejection> refused = CraftRules.check(recipe, cmd.count(), cur.inventory(), here(state).stations(),
        stats.level(), cur.vitals().sp(), packCapacity(cur, stats), this::itemDef,
        id -> world.stations().containsKey(id) ? world.stations().get(id).name() : id);
    if (refused.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(refused.get(), stamp));
    }
    ItemsCrafted event = new ItemsCrafted(stamp, cmd.meta().commandId(), recipe.id(), cmd.count(),
        new Inventory(timesMap(recipe.inputs(), cmd.count())), new Inventory(timesMap(recipe.outputs(), cmd.count())),
        state.location(), recipe.stamina() * cmd.count(), recipe.exp() * cmd.count(), tick);
    int before = state.level();
    return Effect().persist(event)
        .thenReply(cmd.replyTo(), after -> crafted(recipe, cmd.count(), levelUp(before, after), after.vitals().sp(), stamp));
  }

  private Crafted crafted(RecipeDef recipe, int count, int levelUp, int stamina, long lamport) {
    return new Crafted(recipe.id(), count, times(recipe.inputs(), count), times(recipe.outputs(), count),
        recipe.exp() * count, levelUp, stamina, lamport);
  }

  private static List<ItemStack> times(Map<String, Integer> items, int count) {
    return new Inventory(timesMap(items, count)).asStacks();
  }

  private static Map<String, Integer> timesMap(Map<String, Integer> items, int count) {
    Map<String, Integer> out = new LinkedHashMap<>();
    items.forEach((item, n) -> out.put(item, Math.multiplyExact(n, count)));
    return out;
  }

  // ---- equipment ----

  private ReplyEffect<Event, State> onEquip(State state, Equip cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejected> refusal = refuseItemCommand(state, cmd.item(), stamp);
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), refusal.get());
    }
    ItemDef item = itemDef(cmd.item());
    long tick = ticks.now();
    if (state.recent().contains(cmd.meta().commandId())) {
      return Effect().reply(cmd.replyTo(), new Equipped(item.id(),
          item.equip() == null ? null : item.equip().slot(), statusView(state), stamp));
    }
    if (state.inventory().quantity(item.id()) < 1) {
      return reject(cmd.replyTo(), stamp, Code.ITEM_NOT_CARRIED, "You are not carrying a " + item.name() + ".");
    }
    Optional<Rejection> refused = EquipmentRules.checkEquip(state.equipment(), item, state.level(), this::itemDef);
    if (refused.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(refused.get(), stamp));
    }
    ItemEquipped event = new ItemEquipped(stamp, cmd.meta().commandId(), item.id(), item.equip().slot(), tick);
    return Effect().persist(event)
        .thenReply(cmd.replyTo(), after -> new Equipped(item.id(), event.slot(), statusView(after), stamp));
  }

  private ReplyEffect<Event, State> onUnequip(State state, Unequip cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<EquipSlot> slot = EquipSlot.parse(cmd.what()).or(() -> state.equipment().slotOf(cmd.what()));
    if (state.recent().contains(cmd.meta().commandId())) {
      return Effect().reply(cmd.replyTo(), new Unequipped(cmd.what(), slot.orElse(null), statusView(state), stamp));
    }
    Optional<String> item = slot.flatMap(s -> state.equipment().in(s));
    if (item.isEmpty()) {
      String what = slot.map(s -> "in your " + s.label() + " slot").orElse("called '" + cmd.what() + "' equipped");
      return reject(cmd.replyTo(), stamp, Code.NOT_EQUIPPED, "You have nothing " + what + ".");
    }
    long tick = ticks.now();
    State cur = current(state, tick);
    ItemDef def = itemDef(item.get());
    Capacity capacity = packCapacity(cur, stats(cur, tick));
    Optional<Rejection> refused = InventoryRules.checkAdd(cur.inventory(), def, 1,
        new Capacity(capacity.slots(), capacity.carryGrams() + def.weightGrams()), this::itemDef);
    if (refused.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(refused.get(), stamp));
    }
    ItemUnequipped event = new ItemUnequipped(stamp, cmd.meta().commandId(), def.id(), slot.get(), tick);
    return Effect().persist(event)
        .thenReply(cmd.replyTo(), after -> new Unequipped(def.id(), event.slot(), statusView(after), stamp));
  }

  // ---- use ----

  private ReplyEffect<Event, State> onUse(State state, Use cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejected> refusal = refuseItemCommand(state, cmd.item(), stamp);
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), refusal.get());
    }
    ItemDef item = itemDef(cmd.item());
    UseDef use = item.use();
    if (state.recent().contains(cmd.meta().commandId())) {
      return Effect().reply(cmd.replyTo(), new Used(item.id(), 0, 0, 0, List.of(), statusView(state), stamp));
    }
    if (use == null) {
      return reject(cmd.replyTo(), stamp, Code.NOT_USABLE, "You cannot eat, drink or use the " + item.name() + ".");
    }
    if (state.inventory().quantity(item.id()) < 1) {
      return reject(cmd.replyTo(), stamp, Code.ITEM_NOT_CARRIED, "You are not carrying a " + item.name() + ".");
    }
    ItemUsed event = new ItemUsed(stamp, cmd.meta().commandId(), item.id(), use.hp(), use.mp(), use.sp(), use.effects(),
        ticks.now());
    return Effect().persist(event)
        .thenReply(cmd.replyTo(), after -> new Used(item.id(), use.hp(), use.mp(), use.sp(), use.effects(),
            statusView(after), stamp));
  }

  // ---- operators ----

  private ReplyEffect<Event, State> onTeleport(State state, Teleport cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (world.location(cmd.location()).isEmpty()) {
      return reject(cmd.replyTo(), stamp, Code.NOT_HERE, "There is no location '" + cmd.location() + "'.");
    }
    return enterThenMove(cmd.meta(), cmd.replyTo(), state.location(), cmd.location(), null, 0, stamp);
  }

  private ReplyEffect<Event, State> onGrant(State state, Grant cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejected> refusal = refuseItemCommand(state, cmd.item(), stamp);
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), refusal.get());
    }
    Optional<TakeReply> answered = answerAdd(state, cmd.meta(), cmd.item(), cmd.quantity(), stamp);
    if (answered.isPresent()) {
      return Effect().reply(cmd.replyTo(), answered.get());
    }
    ItemReceived event = new ItemReceived(stamp, cmd.meta().commandId(), cmd.item(), cmd.quantity(), null, ticks.now());
    return Effect().persist(event)
        .thenReply(cmd.replyTo(), after -> new Taken(cmd.item(), cmd.quantity(), inventoryView(after), stamp));
  }

  // ---- rest ----

  private ReplyEffect<Event, State> onRest(State state, Rest cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (state.resting()) {
      return Effect().reply(cmd.replyTo(), new Resting(statusView(state), stamp));
    }
    RestStarted event = new RestStarted(stamp, cmd.meta().commandId(), ticks.now());
    return Effect().persist(event).thenReply(cmd.replyTo(), after -> new Resting(statusView(after), stamp));
  }

  // ---- attack ----

  private ReplyEffect<Event, State> onAttack(State state, Attack cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    long tick = ticks.now();
    State cur = current(state, tick);
    if (!state.recent().contains(cmd.meta().commandId()) && cur.vitals().sp() < CombatRules.ATTACK_STAMINA) {
      return reject(cmd.replyTo(), stamp, Code.NOT_ENOUGH_STAMINA, String.format(Locale.ROOT,
          "You are too tired to fight: a blow takes %d stamina and you have %d.", CombatRules.ATTACK_STAMINA,
          cur.vitals().sp()));
    }
    if (world.creature(cmd.target()).isPresent()) {
      return strike(cmd, cmd.target(), stamp, state);
    }
    List<String> kinds = world.creatureKinds().values().stream()
        .filter(k -> WorldNames.matches(cmd.target(), k.id(), k.name(), k.aliases()))
        .map(CreatureKindDef::id)
        .toList();
    if (kinds.isEmpty()) {
      return reject(cmd.replyTo(), stamp, Code.NO_SUCH_TARGET, "There is no '" + cmd.target() + "' here to attack.");
    }
    // A kind was named: the location knows which of that kind are here and alive.
    return this.<LocationEntity.Command, LocationEntity.LookReply>askThen(cmd.meta(), location(state.location()),
        ref -> new LocationEntity.Look(cmd.meta().relayedAt(stamp), ref),
        (s, reply) -> {
          if (reply instanceof LocationEntity.Rejected r) {
            return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
          }
          List<String> living = ((LocationEntity.Seen) reply).view().creatures().stream()
              .filter(id -> kinds.contains(world.creatures().get(id).kind()))
              .toList();
          // Not always the first: attackers of the same kind spread over the creatures here, and a
          // retry of this command picks the same one.
          Optional<String> target = living.isEmpty()
              ? Optional.empty()
              : Optional.of(living.get(Math.floorMod(cmd.meta().commandId().hashCode(), living.size())));
          if (target.isEmpty()) {
            String kindName = world.creatureKinds().get(kinds.get(0)).name();
            return finish(cmd.replyTo(), new Rejected(Rejection.of(Code.NO_SUCH_TARGET,
                "There is no living " + kindName + " here."), stamp));
          }
          return strike(cmd, target.get(), stamp, s);
        },
        cmd.replyTo());
  }

  private ReplyEffect<Event, State> strike(Attack cmd, String creature, long stamp, State state) {
    State now = current(state, ticks.now());
    Combatant me = Combatant.of(stats(now, ticks.now()));
    String here = now.location();
    return this.<CreatureEntity.Command, CreatureEntity.StrikeReply>askThen(cmd.meta(), peers.creatures().apply(creature),
        ref -> new CreatureEntity.Strike(cmd.meta().relayedAt(stamp), name, here, me, ref),
        (s, reply) -> {
          if (reply instanceof CreatureEntity.Rejected r) {
            return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
          }
          CreatureEntity.StrikeOutcome o = (CreatureEntity.StrikeOutcome) reply;
          if (s.recent().contains(cmd.meta().commandId())) {
            return finish(cmd.replyTo(), fought(o, 0, null, s));
          }
          long tick = ticks.now();
          long lamport = Lamport.receive(s.clock(), o.lamport());
          if (!o.killed()) {
            // The creature decided and recorded the blow; those present see it (a kill the creature tells itself).
            location(here).tell(new LocationEntity.Announce(new CommandMeta(cmd.meta().commandId(), name, lamport),
                new LocationEntity.Attacked(here, name, creature, o.blow().outcome().name().toLowerCase(Locale.ROOT),
                    o.blow().damage(), o.hp(), lamport)));
          }
          CreatureFought fought = new CreatureFought(lamport, cmd.meta().commandId(), creature, o.blow(), o.counter(),
              o.inflicted(), o.killed(), o.exp(), CombatRules.ATTACK_STAMINA, tick);
          State afterFight = applyEvent(s, fought);
          int before = s.level();
          if (!afterFight.vitals().dead()) {
            return finish(Effect().persist(fought), cmd.replyTo(), after -> fought(o, levelUp(before, after), null, after));
          }
          long expLost = afterFight.exp() - LevelRules.afterDeath(afterFight.exp());
          Died died = new Died(lamport, CommandMeta.derived(cmd.meta().commandId(), "death"), here, world.home(),
              afterFight.inventory(), expLost, tick);
          Death death = new Death(here, world.home(), afterFight.inventory().asStacks(), expLost);
          return finish(Effect().persist(List.of(fought, died)).thenRun(after -> wakeAtHome(after, died)),
              cmd.replyTo(), after -> fought(o, levelUp(before, afterFight), death, after));
        },
        cmd.replyTo());
  }

  private ReplyEffect<Event, State> onAmbush(State state, Ambush cmd) {
    CreatureEntity.Assault a = cmd.assault();
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (state.recent().contains(cmd.meta().commandId())) {
      return reject(cmd.replyTo(), stamp, Code.CONFLICT, "That attack has already been dealt with.");
    }
    if (!state.inWorld() || !a.location().equals(state.location())) {
      return reject(cmd.replyTo(), stamp, Code.NOT_HERE, "The player is not where the creature struck.");
    }
    long tick = ticks.now();
    State cur = current(state, tick);
    Combatant me = Combatant.of(stats(cur, tick));
    SplittableRandom rng = Dice.roll(Dice.rollSeed(
        Dice.entitySeed(world.seed(), a.creature()), cmd.meta().commandId()));
    Blow blow = CombatRules.strike(a.attacker(), me, rng);
    EffectGrant inflicted = blow.damage() > 0 && a.onHit() != null
        && Dice.chance(rng, a.onHitPercent()) ? a.onHit() : null;
    CreatureFought fought = new CreatureFought(stamp, cmd.meta().commandId(), a.creature(), Blow.NONE, blow, inflicted,
        false, 0, 0, tick);
    State afterFight = applyEvent(state, fought);
    if (!afterFight.vitals().dead()) {
      return Effect().persist(fought)
          .thenRun(after -> announceAssault(a, blow, after.vitals().hp(), null, stamp))
          .thenReply(cmd.replyTo(), after -> new Ambushed(a.creature(), blow, inflicted, after.vitals().hp(), null, stamp));
    }
    String here = state.location();
    long expLost = afterFight.exp() - LevelRules.afterDeath(afterFight.exp());
    Died died = new Died(stamp, CommandMeta.derived(cmd.meta().commandId(), "death"), here, world.home(),
        afterFight.inventory(), expLost, tick);
    Death death = new Death(here, world.home(), afterFight.inventory().asStacks(), expLost);
    return Effect().persist(List.of(fought, died))
        .thenRun(after -> {
          announceAssault(a, blow, 0, world.home(), stamp);
          wakeAtHome(after, died);
        })
        .thenReply(cmd.replyTo(), after -> new Ambushed(a.creature(), blow, inflicted, 0, death, stamp));
  }

  private void announceAssault(CreatureEntity.Assault a, Blow blow, int hpLeft, String wokeAt, long lamport) {
    location(a.location()).tell(new LocationEntity.Announce(new CommandMeta(a.meta().commandId(), name, lamport),
        new LocationEntity.CreatureAttacked(a.location(), a.creature(), name, blow.outcome().name().toLowerCase(Locale.ROOT),
            blow.damage(), hpLeft, wokeAt, lamport)));
  }

  /** After dying: leave the place of death, drop the pack there, appear at home. Each step is idempotent. */
  private void wakeAtHome(State after, Died died) {
    location(died.place()).tell(new LocationEntity.Leave(
        new CommandMeta(died.commandId(), name, died.lamport()), name, died.home(), context.getSystem().ignoreRef()));
    after.handovers().stream().filter(h -> h.tick() == died.tick() && h.location().equals(died.place()))
        .forEach(this::placeHandover);
    location(died.home()).tell(new LocationEntity.Enter(
        new CommandMeta(died.commandId(), name, died.lamport()), name, died.place(), context.getSystem().ignoreRef()));
  }

  private Fought fought(CreatureEntity.StrikeOutcome o, int levelUp, Death death, State after) {
    return new Fought(o.creature(), o.kind(), o.blow(), o.counter(), o.inflicted(), o.hp(), o.hpMax(), o.killed(),
        o.exp(), levelUp, o.loot(), death, statusView(after), o.lamport());
  }

  // ---- giving to an NPC ----

  /** Experience for each unit that meets an NPC's need. */
  static final int HELP_EXP_PER_UNIT = 10;

  /**
   * The player owns the items, so it persists the gift first, then the NPC records the receipt
   * (answering a retry with the same commandId without taking the units twice).
   */
  private ReplyEffect<Event, State> onGiveToNpc(State state, GiveToNpc cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejected> refusal = refuseItemCommand(state, cmd.item(), stamp);
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), refusal.get());
    }
    RecipientRef<NpcEntity.Command> npc = world.npcs().containsKey(cmd.npc()) ? peers.npcs().apply(cmd.npc()) : null;
    if (npc == null) {
      return reject(cmd.replyTo(), stamp, Code.NO_SUCH_TARGET, "There is no one called '" + cmd.npc() + "' here.");
    }
    boolean repeat = state.recent().contains(cmd.meta().commandId());
    if (!repeat) {
      Optional<Rejection> refused = InventoryRules.checkRemove(state.inventory(), itemDef(cmd.item()), cmd.quantity(),
          Code.ITEM_NOT_CARRIED, "in your pack");
      if (refused.isPresent()) {
        return Effect().reply(cmd.replyTo(), new Rejected(refused.get(), stamp));
      }
    }
    String here = state.location();
    inFlight = cmd.meta();
    EffectBuilder<Event, State> given = repeat ? Effect().none()
        : Effect().persist(withStanding(new ItemGiven(stamp, cmd.meta().commandId(), cmd.item(), cmd.quantity(), cmd.npc(),
            ticks.now()), "gift", cmd.npc(), StandingRules.GIFT));
    return given.thenRun(s -> this.<NpcEntity.Command, NpcEntity.GiveReply>ask(cmd.meta(), npc,
            ref -> new NpcEntity.Give(cmd.meta().relayedAt(stamp), name, here, cmd.item(), cmd.quantity(), ticks.now(),
                standingWithNpc(s, cmd.npc()), ref),
            (after, reply) -> {
              if (reply instanceof NpcEntity.Rejected r) {
                return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
              }
              NpcEntity.Received got = (NpcEntity.Received) reply;
              UUID rewardId = CommandMeta.derived(cmd.meta().commandId(), "reward");
              if (got.goalMet() == null || after.recent().contains(rewardId)) {
                return finish(cmd.replyTo(), new GaveToNpc(got.npc(), got.name(), got.item(), got.quantity(), got.line(),
                    got.goalMet(), 0, inventoryView(after), got.lamport()));
              }
              int exp = HELP_EXP_PER_UNIT * got.quantity();
              HelpRewarded reward = new HelpRewarded(Lamport.receive(after.clock(), got.lamport()), rewardId, got.npc(),
                  got.goalMet().id(), exp, ticks.now());
              List<Event> rewarded = new ArrayList<>(withStanding(reward, "help", got.npc(),
                  StandingRules.HELP_PER_UNIT * got.quantity()));
              // An accepted need completes with the gift that meets it; the help reward is its reward.
              String quest = emergentId(got.npc(), got.goalMet());
              if (after.quests().isActive(quest)) {
                rewarded.add(new QuestCompleted(reward.lamport(), rewardId, quest, 0, Map.of(), reward.tick()));
              }
              return finish(Effect().persist(rewarded), cmd.replyTo(), done -> new GaveToNpc(got.npc(), got.name(),
                  got.item(), got.quantity(), got.line(), got.goalMet(), exp, inventoryView(done), reward.lamport()));
            },
            cmd.replyTo()))
        .thenNoReply();
  }

  /** {@code deed} and the standing it earns with the faction of {@code npc} and, by relations, others. */
  private List<Event> withStanding(Event deed, String reason, String npc, int points) {
    String faction = npcFaction(npc);
    Map<String, Integer> changes = faction == null ? Map.of() : StandingRules.spread(world.factions(), faction, points);
    return changes.isEmpty() ? List.of(deed)
        : List.of(deed, new StandingChanged(deed.lamport(), deed.commandId(), reason, changes, deed.tick()));
  }

  private ReplyEffect<Event, State> onTalkToNpc(State state, TalkToNpc cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    if (!world.npcs().containsKey(cmd.npc())) {
      return reject(cmd.replyTo(), stamp, Code.NO_SUCH_TARGET, "There is no one called '" + cmd.npc() + "' here.");
    }
    int standing = standingWithNpc(state, cmd.npc());
    boolean heard = !Dialogue.refuses(standing) && cmd.topic() == null;
    List<String> noRoom = new ArrayList<>();
    List<Event> turnIn = heard && !state.recent().contains(cmd.meta().commandId())
        ? turnIn(state, cmd.npc(), cmd.meta().commandId(), stamp, noRoom) : List.of();
    List<QuestView> heldBack = noRoom.stream().map(q -> questView(state.quests().active().get(q), false)).toList();
    List<QuestView> completed = new ArrayList<>();
    for (Event e : turnIn) {
      if (e instanceof QuestCompleted done) {
        completed.add(questView(state.quests().active().get(done.quest()), true));
      }
    }
    String here = state.location();
    inFlight = cmd.meta();
    EffectBuilder<Event, State> persisted = turnIn.isEmpty() ? Effect().none() : Effect().persist(turnIn);
    return persisted.thenRun(s -> this.<NpcEntity.Command, NpcEntity.TalkReply>ask(cmd.meta(), peers.npcs().apply(cmd.npc()),
            ref -> new NpcEntity.Talk(cmd.meta().relayedAt(stamp), name, here, cmd.topic(), ticks.now(), standing, ref),
            (after, reply) -> {
              if (!(reply instanceof NpcEntity.Said said)) {
                return finish(cmd.replyTo(), new Rejected(((NpcEntity.Rejected) reply).rejection(), stamp));
              }
              List<QuestOffer> offers = heard ? offers(after, cmd.npc(), standing) : List.of();
              // A bare "accept" takes the need the NPC spoke of, else the first quest it offers.
              lastOffered = said.offer() != null ? emergentId(cmd.npc(), said.offer())
                  : !offers.isEmpty() ? offers.get(0).id() : null;
              lastGoal = said.offer() == null ? null : emergent(cmd.npc(), said.offer());
              // the NPC's needs the player took on and it no longer has (met by someone else, or itself)
              List<QuestLog.Active> gone = after.quests().active().values().stream()
                  .filter(q -> q.emergent() && q.giver().equals(cmd.npc())
                      && said.needs().stream().noneMatch(need -> q.id().equals(cmd.npc() + "/" + need)))
                  .toList();
              List<String> withdrawn = gone.stream().map(QuestLog.Active::title).toList();
              TalkedToNpc answer = new TalkedToNpc(said.npc(), said.name(), said.line(), said.mood(), said.offer(), offers,
                  completed, heldBack, withdrawn, said.lamport());
              if (gone.isEmpty()) {
                return finish(cmd.replyTo(), answer);
              }
              long at = Lamport.receive(after.clock(), said.lamport());
              List<Event> off = gone.stream().map(q -> (Event) new QuestWithdrawn(at,
                  CommandMeta.derived(cmd.meta().commandId(), "withdrawn/" + q.id()), q.id(), cmd.npc(), ticks.now()))
                  .toList();
              return finish(Effect().persist(off), cmd.replyTo(), done -> answer);
            },
            cmd.replyTo()))
        .thenNoReply();
  }

  /** The quest the NPC last talked to offered, for a bare "accept"; not state: a crash forgets it. */
  private String lastOffered;
  /** The need the NPC last talked to asked help with, as a quest. */
  private QuestLog.Active lastGoal;

  /**
   * Talking to a quest's NPC, and turning in the giver's quests that are done if their rewards fit
   * the pack; the ids of those whose rewards do not fit are added to {@code noRoom}.
   */
  private List<Event> turnIn(State state, String npc, UUID commandId, long stamp, List<String> noRoom) {
    List<Event> events = new ArrayList<>();
    QuestLog log = state.quests();
    boolean asked = log.active().values().stream().anyMatch(q -> q.advanced(QuestDef.Kind.TALK, npc, null, 1) != q);
    if (asked) {
      events.add(new QuestTalked(stamp, commandId, npc, ticks.now()));
      log = log.progressed(QuestDef.Kind.TALK, npc, null, 1);
    }
    Inventory pack = state.inventory();
    Capacity room = packCapacity(state, stats(state, ticks.now()));
    for (QuestLog.Active q : log.readyFor(npc, q -> !q.emergent())) {
      QuestDef def = world.quests().get(q.id());
      QuestDef.Rewards rewards = def == null ? new QuestDef.Rewards(0, Map.of(), Map.of()) : def.rewards();
      Inventory after = pack;
      boolean fits = true;
      for (Map.Entry<String, Integer> item : rewards.items().entrySet()) {
        Optional<ItemDef> itemDef = world.item(item.getKey());
        if (itemDef.isEmpty() || InventoryRules.checkAdd(after, itemDef.get(), item.getValue(), room, this::itemDef).isPresent()) {
          fits = false;
          break;
        }
        after = after.add(item.getKey(), item.getValue());
      }
      if (!fits) {
        noRoom.add(q.id());
        continue;
      }
      pack = after;
      UUID id = CommandMeta.derived(commandId, "quest/" + q.id());
      events.add(new QuestCompleted(stamp, id, q.id(), rewards.exp(), rewards.items(), ticks.now()));
      Map<String, Integer> standing = new LinkedHashMap<>(rewards.standing());
      standing.keySet().retainAll(world.factions().keySet());
      if (!standing.isEmpty()) {
        events.add(new StandingChanged(stamp, id, "quest", standing, ticks.now()));
      }
    }
    return events;
  }

  /** The data quests {@code npc} offers this player: not taken, not done, and the standing suffices. */
  private List<QuestOffer> offers(State s, String npc, int standing) {
    return world.quests().values().stream()
        .filter(q -> q.giver().equals(npc) && !s.quests().isActive(q.id()) && !s.quests().isCompleted(q.id())
            && standing >= q.minStanding())
        .map(q -> new QuestOffer(q.id(), q.title(), q.text()))
        .toList();
  }

  private static String emergentId(String npc, Goal goal) {
    return npc + "/" + goal.id();
  }

  private QuestLog.Active emergent(String npc, Goal goal) {
    NpcDef def = world.npcs().get(npc);
    String who = def == null ? npc : def.name();
    return new QuestLog.Active(emergentId(npc, goal), "Bring " + goal.quantity() + " " + world.itemName(goal.item())
        + " to " + who, npc, true, List.of(new QuestDef.Objective(QuestDef.Kind.DELIVER, goal.item(), goal.quantity(), npc)),
        List.of(0));
  }

  private ReplyEffect<Event, State> onAcceptQuest(State state, AcceptQuest cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    String wanted = cmd.quest() == null || cmd.quest().isBlank() ? lastOffered : findQuest(cmd.quest(), true);
    if (wanted == null) {
      return reject(cmd.replyTo(), stamp, Code.NO_SUCH_QUEST, cmd.quest() == null || cmd.quest().isBlank()
          ? "No quest has been offered to you just now; talk to someone first, or name the quest."
          : "There is no quest called '" + cmd.quest() + "'.");
    }
    if (state.quests().isActive(wanted)) {
      QuestLog.Active q = state.quests().active().get(wanted);
      if (state.recent().contains(cmd.meta().commandId())) {
        return Effect().reply(cmd.replyTo(), new QuestTaken(questView(q, false), stamp));
      }
      return reject(cmd.replyTo(), stamp, Code.NO_SUCH_QUEST, "You are already on '" + q.title() + "'.");
    }
    if (state.quests().isCompleted(wanted)) {
      return reject(cmd.replyTo(), stamp, Code.NO_SUCH_QUEST, "You have already done that quest.");
    }
    QuestLog.Active quest;
    QuestDef def = world.quests().get(wanted);
    if (def != null) {
      int standing = standingWithNpc(state, def.giver());
      if (Dialogue.refuses(standing) || standing < def.minStanding()) {
        return reject(cmd.replyTo(), stamp, Code.NO_SUCH_QUEST, world.npcs().get(def.giver()).name()
            + " will not trust you with that (your standing is too low).");
      }
      quest = new QuestLog.Active(def.id(), def.title(), def.giver(), false, def.objectives(),
          def.objectives().stream().map(o -> 0).toList());
    } else if (lastGoal != null && lastGoal.id().equals(wanted)) {
      quest = lastGoal;
    } else {
      return reject(cmd.replyTo(), stamp, Code.NO_SUCH_QUEST, "That quest is not offered to you.");
    }
    return Effect().persist(new QuestAccepted(stamp, cmd.meta().commandId(), quest, ticks.now()))
        .thenReply(cmd.replyTo(), s -> new QuestTaken(questView(s.quests().active().get(quest.id()), false), stamp));
  }

  private ReplyEffect<Event, State> onAbandonQuest(State state, AbandonQuest cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    String wanted = cmd.quest() == null ? null : findActive(state, cmd.quest());
    if (wanted == null) {
      if (state.recent().contains(cmd.meta().commandId())) {
        return Effect().reply(cmd.replyTo(), new QuestDropped(cmd.quest(), cmd.quest(), stamp));
      }
      return reject(cmd.replyTo(), stamp, Code.NO_SUCH_QUEST, "You are on no quest called '" + cmd.quest() + "'.");
    }
    String title = state.quests().active().get(wanted).title();
    return Effect().persist(new QuestAbandoned(stamp, cmd.meta().commandId(), wanted, ticks.now()))
        .thenReply(cmd.replyTo(), s -> new QuestDropped(wanted, title, stamp));
  }

  /** A data quest's id by id or title (case-insensitive), or null. */
  private String findQuest(String named, boolean data) {
    String n = named.trim().toLowerCase(Locale.ROOT);
    for (QuestDef q : world.quests().values()) {
      if (q.id().equalsIgnoreCase(n) || q.title().toLowerCase(Locale.ROOT).equals(n)
          || q.title().toLowerCase(Locale.ROOT).contains(n)) {
        return q.id();
      }
    }
    return lastGoal != null && (lastGoal.id().equalsIgnoreCase(n) || lastGoal.title().toLowerCase(Locale.ROOT).contains(n))
        ? lastGoal.id() : null;
  }

  private String findActive(State s, String named) {
    String n = named.trim().toLowerCase(Locale.ROOT);
    for (QuestLog.Active q : s.quests().active().values()) {
      if (q.id().equalsIgnoreCase(n) || q.title().toLowerCase(Locale.ROOT).contains(n)) {
        return q.id();
      }
    }
    return null;
  }

  private QuestsView questsView(State s) {
    List<QuestView> active = s.quests().active().values().stream().map(q -> questView(q, false)).toList();
    List<QuestView> completed = s.quests().completed().stream().map(id -> {
      QuestDef def = world.quests().get(id);
      return def == null
          ? new QuestView(id, id, null, true, true, List.of(), 0, Map.of(), Map.of())
          : new QuestView(id, def.title(), def.giver(), false, true, List.of(), def.rewards().exp(), def.rewards().items(),
              def.rewards().standing());
    }).toList();
    return new QuestsView(active, completed);
  }

  private QuestView questView(QuestLog.Active q, boolean completed) {
    List<ObjectiveView> objectives = new ArrayList<>();
    for (int i = 0; i < q.objectives().size(); i++) {
      QuestDef.Objective o = q.objectives().get(i);
      objectives.add(new ObjectiveView(o.kind().label(), o.target(), o.to(), o.count(), q.progress().get(i), describe(o)));
    }
    QuestDef def = q.emergent() ? null : world.quests().get(q.id());
    int exp = def != null ? def.rewards().exp()
        : HELP_EXP_PER_UNIT * q.objectives().stream().mapToInt(QuestDef.Objective::count).sum();
    return new QuestView(q.id(), q.title(), q.giver(), q.emergent(), completed || q.done(), objectives, exp,
        def == null ? Map.of() : def.rewards().items(), def == null ? Map.of() : def.rewards().standing());
  }

  private String describe(QuestDef.Objective o) {
    return switch (o.kind()) {
      case TALK -> "talk to " + npcName(o.target());
      case GATHER -> "gather " + o.count() + " " + world.itemName(o.target());
      case CRAFT -> "craft " + o.count() + " " + world.itemName(o.target());
      case KILL -> "kill " + o.count() + " " + world.creatureKinds().get(o.target()).name();
      case DELIVER -> "give " + o.count() + " " + world.itemName(o.target()) + " to " + npcName(o.to());
      case REACH -> "go to " + world.location(o.target()).map(LocationDef::name).orElse(o.target());
    };
  }

  private String npcName(String npc) {
    NpcDef def = world.npcs().get(npc);
    return def == null ? npc : def.name();
  }

  // ---- the asking machinery ----

  /**
   * Asks another entity and continues with {@code then} when it answers, holding other commands back
   * meanwhile. If it does not answer in time the player is told to retry with the same command.
   */
  private <T, A> ReplyEffect<Event, State> askThen(
      CommandMeta meta, RecipientRef<T> target, Function<ActorRef<A>, T> message,
      BiFunction<State, A, ReplyEffect<Event, State>> then, ActorRef<? super Rejected> replyTo) {
    inFlight = meta;
    ask(meta, target, message, then, replyTo);
    return Effect().noReply();
  }

  private <T, A> void ask(
      CommandMeta meta, RecipientRef<T> target, Function<ActorRef<A>, T> message,
      BiFunction<State, A, ReplyEffect<Event, State>> then, ActorRef<? super Rejected> replyTo) {
    CompletionStage<A> answer = AskPattern.ask(target, message, settings.askTimeout(), context.getSystem().scheduler());
    // Not pipeToSelf: Akka's Java ask stage runs plain whenComplete on the common pool, which on
    // two cores starts a thread per callback. Completing on the answering thread costs nothing.
    ActorRef<Command> self = context.getSelf();
    answer.toCompletableFuture().whenCompleteAsync((reply, failure) -> self.tell(new Resume(meta, state -> failure == null
        ? then.apply(state, reply)
        : finish(replyTo, new Rejected(Rejection.of(Code.UNAVAILABLE,
            "The world did not answer in time. Try again; nothing will happen twice."), state.clock())))),
        Runnable::run);
  }

  private <R> ReplyEffect<Event, State> finish(ActorRef<? super R> replyTo, R reply) {
    inFlight = null;
    return Effect().reply(replyTo, reply).thenUnstashAll();
  }

  private <R> ReplyEffect<Event, State> finish(
      EffectBuilder<Event, State> effect, ActorRef<R> replyTo, java.util.function.Function<State, R> reply) {
    inFlight = null;
    return effect.thenReply(replyTo, reply::apply).thenUnstashAll();
  }

  private ReplyEffect<Event, State> reject(ActorRef<? super Rejected> replyTo, long stamp, Code code, String message) {
    return Effect().reply(replyTo, new Rejected(Rejection.of(code, message), stamp));
  }

  private RecipientRef<LocationEntity.Command> location(String id) {
    return peers.locations().apply(id);
  }

  // ---- derived state, views and helpers ----

  private ItemDef itemDef(String id) {
    return world.item(id).orElseThrow(() -> new IllegalStateException("item '" + id + "' is not in the world"));
  }

  private EffectDef effectDef(String id) {
    return world.effect(id).orElseThrow(() -> new IllegalStateException("effect '" + id + "' is not in the world"));
  }

  private LocationDef here(State state) {
    return world.location(state.location()).orElseThrow(
        () -> new IllegalStateException("player is at '" + state.location() + "', which is not in the world"));
  }

  /** Level, equipment and the effects active at {@code tick}, added up. */
  private Stats stats(State s, long tick) {
    StatBonus bonus = EquipmentRules.bonus(s.equipment(), this::itemDef)
        .plus(EffectRules.bonus(s.effects(), this::effectDef, tick));
    return StatRules.derive(world.player(), s.level(), bonus);
  }

  /** The state with vitals carried forward to {@code tick} and expired effects gone; persists nothing. */
  private State current(State s, long tick) {
    if (!s.inWorld()) {
      return s;
    }
    Vitals vitals = s.vitals().settle(tick, stats(s, tick), world.player(), s.resting(), s.effects(), this::effectDef);
    return s.with(vitals, EffectRules.active(s.effects(), Math.max(tick, s.vitals().asOf())));
  }

  /** What the pack may still take: the carrying capacity less what the equipped items weigh. */
  private Capacity packCapacity(State s, Stats stats) {
    return new Capacity(world.player().slots(),
        Math.max(0, stats.carryGrams() - EquipmentRules.weightGrams(s.equipment(), this::itemDef)));
  }

  private static int levelUp(int before, State after) {
    return after.level() > before ? after.level() : 0;
  }

  private InventoryView inventoryView(State s) {
    Stats stats = stats(s, ticks.now());
    return new InventoryView(s.inventory().asStacks(), InventoryRules.slotsUsed(s.inventory(), this::itemDef),
        world.player().slots(),
        InventoryRules.weightGrams(s.inventory(), this::itemDef) + EquipmentRules.weightGrams(s.equipment(), this::itemDef),
        stats.carryGrams(), s.equipment().slots());
  }

  private StatusView statusView(State s) {
    long tick = ticks.now();
    State cur = current(s, tick);
    Stats st = stats(cur, tick);
    Vitals v = cur.vitals();
    List<EffectView> effects = cur.effects().stream()
        .map(e -> new EffectView(e.effect(), e.magnitude(), e.stacks(), Math.max(0, e.until() - tick)))
        .toList();
    return new StatusView(name, s.location(), st.level(), s.exp(), LevelRules.expToNext(s.exp()), v.hp(), st.hpMax(),
        v.mp(), st.mpMax(), v.sp(), st.spMax(), st.attack(), st.defense(), st.gather(), st.critPercent(),
        st.carryGrams(), s.equipment().slots(), effects, s.resting(), s.deaths(), standingView(s));
  }

  private List<StandingView> standingView(State s) {
    return world.factions().values().stream().map(f -> {
      int value = StandingRules.of(world.factions(), s.standing(), f.id());
      return new StandingView(f.id(), f.name(), value, StandingRules.tierOf(value).label());
    }).toList();
  }

  /** The standing with the faction of {@code npc}, or 0 if it has none. */
  int standingWithNpc(State s, String npc) {
    String faction = npcFaction(npc);
    return faction == null ? 0 : StandingRules.of(world.factions(), s.standing(), faction);
  }

  private String npcFaction(String npc) {
    NpcDef def = world.npcs().get(npc);
    return def == null ? null : def.faction();
  }

  private Rejected notInWorld(State state) {
    return new Rejected(Rejection.of(Code.NOT_IN_WORLD, "You have not entered the world yet."), state.clock());
  }

  /** Why a command about {@code item} cannot even start, if it cannot. */
  private Optional<Rejected> refuseItemCommand(State state, String item, long stamp) {
    if (!state.inWorld()) {
      return Optional.of(notInWorld(state));
    }
    if (world.item(item).isEmpty()) {
      return Optional.of(new Rejected(InventoryRules.unknownItem(item), stamp));
    }
    return Optional.empty();
  }

  // ---- events applied ----

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(this::applyEvent);
  }

  /**
   * Applies one event: vitals are first carried forward to the event's tick, then the event's own
   * change is made; any event but {@link RestStarted} ends a rest, and gaining a level restores
   * vitals in full.
   */
  private State applyEvent(State s, Event e) {
    State cur = current(s, e.tick());
    int levelBefore = cur.level();
    State next = applyOwnChange(cur, e);
    if (next.inWorld() && next.level() > levelBefore) {
      next = next.with(Vitals.full(stats(next, e.tick()), e.tick()), next.effects());
    }
    // Being handed something does not get a resting character up; anything it does itself does.
    boolean passive = e instanceof GiftReceived || e instanceof GiftSetDown;
    return next.resting(e instanceof RestStarted || (passive && cur.resting())).recorded(e, settings.dedupWindow());
  }

  private State applyOwnChange(State cur, Event e) {
    State next = applyDeed(cur, e);
    return next.withQuests(questProgress(next, e));
  }

  /** How a deed moves the player's quests on; the deed itself is already applied to {@code s}. */
  private QuestLog questProgress(State s, Event e) {
    QuestLog log = s.quests();
    if (log.active().isEmpty()) {
      return log;
    }
    if (e instanceof ResourcesGathered x) {
      return log.progressed(QuestDef.Kind.GATHER, x.item(), null, x.quantity());
    } else if (e instanceof ItemsCrafted x) {
      for (ItemStack out : x.produced().asStacks()) {
        log = log.progressed(QuestDef.Kind.CRAFT, out.item(), null, out.quantity());
      }
      return log;
    } else if (e instanceof CreatureFought x && x.killed()) {
      CreatureSpawn spawn = world.creatures().get(x.creature());
      return spawn == null ? log : log.progressed(QuestDef.Kind.KILL, spawn.kind(), null, 1);
    } else if (e instanceof Moved x) {
      return log.progressed(QuestDef.Kind.REACH, x.to(), null, 1);
    } else if (e instanceof ItemGiven x) {
      return log.progressed(QuestDef.Kind.DELIVER, x.item(), x.npc(), x.quantity());
    } else if (e instanceof QuestTalked x) {
      return log.progressed(QuestDef.Kind.TALK, x.npc(), null, 1);
    } else if (e instanceof QuestAccepted x && s.location() != null) {
      return log.progressed(QuestDef.Kind.REACH, s.location(), null, 1);
    }
    return log;
  }

  private State applyDeed(State cur, Event e) {
    if (e instanceof EnteredWorld x) {
      return cur.at(x.location()).with(
          Vitals.full(StatRules.derive(world.player(), cur.level(), StatBonus.NONE), x.tick()), List.of());
    } else if (e instanceof Moved x) {
      return cur.at(x.to()).with(spend(cur.vitals(), x.staminaCost()), cur.effects()).withMove(x);
    } else if (e instanceof ItemReceived x) {
      return cur.with(cur.inventory().add(x.item(), x.quantity()), cur.equipment());
    } else if (e instanceof ItemHandedOver x) {
      return withHandover(cur.with(cur.inventory().remove(x.item(), x.quantity()), cur.equipment()), x);
    } else if (e instanceof GiftReceived x) {
      return cur.with(cur.inventory().add(x.item(), x.quantity()), cur.equipment());
    } else if (e instanceof GiftSetDown x) {
      return withHandover(cur, new ItemHandedOver(x.lamport(), setDownId(x.commandId()), x.item(), x.quantity(), x.location(),
          x.tick()));
    } else if (e instanceof ResourcesGathered x) {
      return cur.with(cur.inventory().add(x.item(), x.quantity()), cur.equipment())
          .with(spend(cur.vitals(), x.staminaCost()), cur.effects()).withExp(cur.exp() + x.exp());
    } else if (e instanceof ItemsCrafted x) {
      Inventory pack = cur.inventory();
      for (ItemStack in : x.consumed().asStacks()) {
        pack = pack.remove(in.item(), in.quantity());
      }
      for (ItemStack out : x.produced().asStacks()) {
        pack = pack.add(out.item(), out.quantity());
      }
      return cur.with(pack, cur.equipment()).with(spend(cur.vitals(), x.staminaCost()), cur.effects())
          .withExp(cur.exp() + x.exp());
    } else if (e instanceof ItemEquipped x) {
      return cur.with(cur.inventory().remove(x.item(), 1), cur.equipment().with(x.slot(), x.item()));
    } else if (e instanceof ItemUnequipped x) {
      return cur.with(cur.inventory().add(x.item(), 1), cur.equipment().without(x.slot()));
    } else if (e instanceof ItemUsed x) {
      State used = cur.with(cur.inventory().remove(x.item(), 1), cur.equipment());
      List<ActiveEffect> effects = used.effects();
      for (EffectGrant g : x.effects()) {
        effects = EffectRules.apply(effects, effectDef(g.effect()), g, x.tick());
      }
      State affected = used.with(used.vitals(), effects);
      return affected.with(affected.vitals().restore(x.hp(), x.mp(), x.sp(), stats(affected, x.tick())), effects);
    } else if (e instanceof CreatureFought x) {
      List<ActiveEffect> effects = x.inflicted() == null
          ? cur.effects()
          : EffectRules.apply(cur.effects(), effectDef(x.inflicted().effect()), x.inflicted(), x.tick());
      return cur.with(spend(cur.vitals(), x.staminaCost()).hurt(x.counter().damage()), effects)
          .withExp(cur.exp() + x.exp());
    } else if (e instanceof Died x) {
      return died(cur, x);
    } else if (e instanceof RestStarted) {
      return cur;
    } else if (e instanceof ItemGiven x) {
      return cur.with(cur.inventory().remove(x.item(), x.quantity()), cur.equipment());
    } else if (e instanceof HelpRewarded x) {
      return cur.withExp(cur.exp() + x.exp());
    } else if (e instanceof StandingChanged x) {
      return cur.withStanding(StandingRules.apply(world.factions(), cur.standing(), x.changes()));
    } else if (e instanceof QuestAccepted x) {
      return cur.withQuests(cur.quests().accepted(x.quest()));
    } else if (e instanceof QuestAbandoned x) {
      return cur.withQuests(cur.quests().abandoned(x.quest()));
    } else if (e instanceof QuestWithdrawn x) {
      return cur.withQuests(cur.quests().abandoned(x.quest()));
    } else if (e instanceof QuestTalked) {
      return cur;
    } else if (e instanceof QuestCompleted x) {
      Inventory pack = cur.inventory();
      for (Map.Entry<String, Integer> item : x.items().entrySet()) {
        pack = pack.add(item.getKey(), item.getValue());
      }
      return cur.with(pack, cur.equipment()).withExp(cur.exp() + x.exp()).withQuests(cur.quests().finished(x.quest()));
    }
    throw new IllegalArgumentException("unknown event " + e);
  }

  /** Spends what there is: a cost checked at command time may meet less stamina when replayed with new data. */
  private static Vitals spend(Vitals vitals, int cost) {
    return vitals.spendStamina(Math.min(cost, vitals.sp()));
  }

  private static State withHandover(State s, ItemHandedOver h) {
    List<ItemHandedOver> handovers = new ArrayList<>(s.handovers());
    handovers.add(h);
    while (handovers.size() > HANDOVERS_KEPT) {
      handovers.remove(0);
    }
    return s.withHandovers(handovers, s.deaths());
  }

  /** Waking at home: half HP and MP, full stamina, no effects, the pack left where it fell. */
  private State died(State s, Died d) {
    State dropped = s;
    for (ItemStack stack : d.dropped().asStacks()) {
      dropped = withHandover(dropped, new ItemHandedOver(d.lamport(), CommandMeta.derived(d.commandId(), "drop/" + stack.item()),
          stack.item(), stack.quantity(), d.place(), d.tick()));
    }
    State woken = dropped.with(Inventory.EMPTY, s.equipment()).withExp(s.exp() - d.expLost()).at(d.home())
        .withMove(new Moved(d.lamport(), d.commandId(), d.place(), d.home(), null, 0, d.tick()));
    Stats stats = StatRules.derive(world.player(), woken.level(), EquipmentRules.bonus(s.equipment(), this::itemDef));
    woken = woken.with(new Vitals(Math.max(1, stats.hpMax() / 2), stats.mpMax() / 2, stats.spMax(), d.tick()), List.of());
    return woken.withHandovers(woken.handovers(), s.deaths() + 1);
  }
}
