package io.microcosm.gateway;

import io.microcosm.language.English;
import io.microcosm.location.LocationEntity;
import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.CombatRules.Blow;
import io.microcosm.rules.CombatRules.Outcome;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.World;
import io.microcosm.zone.ZoneEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns what entities answer and broadcast (data) into sentences a player reads. Entities never
 * format text; this is the one place that does.
 */
public final class Narrator {

  private final World world;

  public Narrator(World world) {
    this.world = world;
  }

  /** What the receiver of a give is told. */
  public String received(String giver, PlayerEntity.Given g) {
    return g.atTheirFeet()
        ? giver + " offers you " + units(g.item(), g.quantity()) + ", but you cannot carry it: it lies at your feet."
        : giver + " gives you " + units(g.item(), g.quantity()) + ".";
  }

  /** One sentence or a short paragraph for a player's reply. */
  /** A player by name, an NPC by its name from world data. */
  private String who(String id) {
    return world.npc(id).map(n -> n.name()).orElse(id);
  }

  public String reply(Object reply) {
    if (reply instanceof PlayerEntity.Rejected r) {
      return r.rejection().message();
    } else if (reply instanceof PlayerEntity.Joined j) {
      return "Welcome to " + world.title() + ".\n" + describe(j.here());
    } else if (reply instanceof PlayerEntity.Arrived a) {
      return describe(a.here());
    } else if (reply instanceof PlayerEntity.Looked l) {
      return describe(l.here());
    } else if (reply instanceof PlayerEntity.Taken t) {
      return "You take " + units(t.item(), t.quantity()) + ".";
    } else if (reply instanceof PlayerEntity.Dropped d) {
      return "You drop " + units(d.item(), d.quantity()) + ".";
    } else if (reply instanceof PlayerEntity.Given g) {
      return g.atTheirFeet()
          ? g.to() + " cannot carry " + units(g.item(), g.quantity()) + " now; you set it down at their feet."
          : "You give " + units(g.item(), g.quantity()) + " to " + g.to() + ".";
    } else if (reply instanceof PlayerEntity.Gathered g) {
      return "You " + verbOf(g.node()) + " " + units(g.item(), g.quantity()) + " (+" + g.exp() + " exp)."
          + (g.remaining() == 0 ? " Nothing is left for now." : "") + levelUp(g.levelUp());
    } else if (reply instanceof PlayerEntity.Crafted c) {
      return "You make " + list(c.produced()) + " from " + list(c.consumed()) + " (+" + c.exp() + " exp)."
          + levelUp(c.levelUp());
    } else if (reply instanceof PlayerEntity.Equipped e) {
      return "You now have the " + world.itemName(e.item()) + " in your " + e.slot().label() + " slot.";
    } else if (reply instanceof PlayerEntity.Unequipped u) {
      return "You put the " + world.itemName(u.item()) + " back in your pack.";
    } else if (reply instanceof PlayerEntity.Used u) {
      return "You use the " + world.itemName(u.item()) + "." + (u.hp() > 0 ? " You feel better." : "");
    } else if (reply instanceof PlayerEntity.Fought f) {
      return fight(f);
    } else if (reply instanceof PlayerEntity.TalkedToNpc s) {
      StringBuilder sb = new StringBuilder(s.name() + " says: \u201c" + s.line() + "\u201d");
      for (PlayerEntity.QuestView done : s.completed()) {
        sb.append(" Quest complete: ").append(done.title()).append(" (+").append(done.exp()).append(" exp).");
      }
      for (String need : s.withdrawn()) {
        sb.append(" ").append(s.name()).append(" no longer needs that: \u201c").append(need)
            .append("\u201d is off your journal.");
      }
      for (PlayerEntity.QuestView done : s.heldBack()) {
        sb.append(" ").append(done.title()).append(" is done, but its reward (")
            .append(list(done.items().entrySet().stream().map(i -> new ItemStack(i.getKey(), i.getValue())).toList()))
            .append(") does not fit into your pack: make room and talk to ").append(s.name()).append(" again.");
      }
      for (PlayerEntity.QuestOffer offer : s.quests()) {
        sb.append(" Quest offered: ").append(offer.title()).append(" \u2014 ").append(offer.text())
            .append(" (\u201caccept ").append(offer.title()).append("\u201d to take it on)");
      }
      return sb.toString();
    } else if (reply instanceof PlayerEntity.QuestTaken q) {
      return "Quest accepted: " + q.quest().title() + ". " + objectives(q.quest());
    } else if (reply instanceof PlayerEntity.QuestDropped q) {
      return "You abandon " + q.title() + ".";
    } else if (reply instanceof PlayerEntity.QuestsView v) {
      if (v.active().isEmpty() && v.completed().isEmpty()) {
        return "Your journal is empty.";
      }
      StringBuilder sb = new StringBuilder();
      for (PlayerEntity.QuestView q : v.active()) {
        sb.append(q.title()).append(q.done() ? " (done; return to the giver)" : "").append(": ").append(objectives(q))
            .append(' ');
      }
      if (!v.completed().isEmpty()) {
        sb.append("Completed: ").append(String.join(", ", v.completed().stream().map(PlayerEntity.QuestView::title).toList()))
            .append('.');
      }
      return sb.toString().trim();
    } else if (reply instanceof io.microcosm.npc.NpcEntity.Said s) {
      return s.name() + " says: \u201c" + s.line() + "\u201d";
    } else if (reply instanceof PlayerEntity.GaveToNpc g) {
      return "You give " + units(g.item(), g.quantity()) + " to " + g.name() + ". " + g.name() + " says: \u201c" + g.line()
          + "\u201d" + (g.exp() > 0 ? " (+" + g.exp() + " exp)" : "");
    } else if (reply instanceof PlayerEntity.Resting) {
      return "You sit down to rest.";
    } else if (reply instanceof PlayerEntity.InventoryView i) {
      return i.items().isEmpty() ? "Your pack is empty." : "You carry " + list(i.items()) + String.format(Locale.ROOT,
          " (%d of %d slots, %.1f of %.1f kg).", i.slotsUsed(), i.slots(), i.weightGrams() / 1000.0, i.carryGrams() / 1000.0);
    } else if (reply instanceof PlayerEntity.StatusView s) {
      return String.format(Locale.ROOT, "%s, level %d (%d exp, %d to the next). HP %d/%d, MP %d/%d, SP %d/%d. "
              + "Attack %d, defense %d.", s.name(), s.level(), s.exp(), s.expToNext(), s.hp(), s.hpMax(), s.mp(),
          s.mpMax(), s.sp(), s.spMax(), s.attack(), s.defense()) + standing(s.standing());
    }
    return String.valueOf(reply);
  }

  /**
   * What changed in a quest between two looks at the log: "Rats in the mill: kill rats (2/3)." for
   * objectives advanced, "... All done: return to Hilda." once the last one is; empty when nothing moved.
   */
  public Optional<String> progress(PlayerEntity.QuestView before, PlayerEntity.QuestView after) {
    List<String> advanced = new ArrayList<>();
    for (int i = 0; i < after.objectives().size() && i < before.objectives().size(); i++) {
      PlayerEntity.ObjectiveView o = after.objectives().get(i);
      if (o.progress() > before.objectives().get(i).progress()) {
        advanced.add(o.text() + " (" + o.progress() + "/" + o.count() + ")");
      }
    }
    if (advanced.isEmpty() && (after.done() == before.done())) {
      return Optional.empty();
    }
    String giver = world.npc(after.giver()).map(n -> n.name()).orElse(after.giver());
    return Optional.of(after.title() + ": " + (advanced.isEmpty() ? "" : String.join("; ", advanced) + ".")
        + (after.done() && !before.done() ? (advanced.isEmpty() ? "" : " ") + "All done: return to " + giver + "." : ""));
  }

  private static String objectives(PlayerEntity.QuestView q) {
    return String.join("; ", q.objectives().stream()
        .map(o -> o.text() + " (" + o.progress() + "/" + o.count() + ")").toList()) + ".";
  }

  private static String standing(List<PlayerEntity.StandingView> standing) {
    if (standing == null || standing.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" Standing:");
    String sep = " ";
    for (PlayerEntity.StandingView v : standing) {
      sb.append(sep).append(v.name()).append(' ').append(v.tier()).append(" (").append(v.standing()).append(')');
      sep = ", ";
    }
    return sb.append('.').toString();
  }

  private String fight(PlayerEntity.Fought f) {
    String name = creatureName(f.creature());
    StringBuilder sb = new StringBuilder(blow("You", name, f.blow(), "hit", "miss"));
    if (f.killed()) {
      sb.append(" The ").append(name).append(" dies (+").append(f.exp()).append(" exp).");
      if (!f.loot().isEmpty()) {
        sb.append(" It leaves ").append(list(f.loot())).append(" on the ground.");
      }
    } else {
      sb.append(" The ").append(name).append(" has ").append(f.creatureHp()).append(" of ").append(f.creatureHpMax())
          .append(" HP left.");
      if (f.counter().outcome() != Outcome.MISS || f.counter().damage() > 0) {
        sb.append(' ').append(blow("The " + name, "you", f.counter(), "hits", "misses"));
      }
    }
    if (f.inflicted() != null) {
      sb.append(" You are ").append(world.effect(f.inflicted().effect()).map(e -> e.name()).orElse(f.inflicted().effect()))
          .append('.');
    }
    sb.append(levelUp(f.levelUp()));
    if (f.death() != null) {
      sb.append(" You fall. You wake at ").append(placeName(f.death().wokeAt())).append(", your pack left behind.");
    }
    return sb.toString();
  }

  private static String blow(String who, String whom, Blow blow, String hitVerb, String missVerb) {
    return switch (blow.outcome()) {
      case MISS -> who + " " + missVerb + " " + (whom.equals("you") ? "you" : "the " + whom) + ".";
      case HIT -> who + " " + hitVerb + " " + (whom.equals("you") ? "you" : "the " + whom) + " for " + blow.damage() + ".";
      case CRITICAL -> who + " " + hitVerb + " " + (whom.equals("you") ? "you" : "the " + whom) + " hard, for "
          + blow.damage() + "!";
    };
  }

  /** A place as a player sees it on arrival or when looking. */
  public String describe(LocationView v) {
    StringBuilder sb = new StringBuilder(capitalise(v.name())).append('\n').append(v.description());
    List<String> things = new ArrayList<>();
    v.creatures().forEach(c -> things.add(English.count(creatureName(c), 1)));
    v.nodes().forEach(n -> things.add(world.node(n.node()).map(d -> d.name()).orElse(n.node())
        + (n.remaining() == 0 ? " (bare)" : "")));
    v.stations().forEach(s -> things.add(English.count(world.stations().containsKey(s) ? world.stations().get(s).name() : s, 1)));
    v.items().forEach(i -> things.add(units(i.item(), i.quantity())));
    if (!things.isEmpty()) {
      sb.append("\nYou see ").append(String.join(", ", things)).append('.');
    }
    if (!v.occupants().isEmpty()) {
      sb.append("\nHere: ").append(names(v.occupants().stream()
          .map(o -> world.npc(o).map(n -> n.name() + " the " + n.role()).orElse(o)).toList(), v.present())).append('.');
    }
    String exits = v.exits().stream().map(x -> x.direction().label()).collect(Collectors.joining(", "));
    sb.append("\nExits: ").append(exits.isEmpty() ? "none" : exits).append('.');
    return sb.toString();
  }

  /** "Ann, Bob and 3 others arrive; Cid leaves. 41 people are here." */
  private static String crowd(LocationEntity.Crowd c) {
    List<String> parts = new ArrayList<>();
    if (c.arrivals() > 0) {
      parts.add(names(c.arrived(), c.arrivals()) + (c.arrivals() == 1 ? " arrives" : " arrive"));
    }
    if (c.departures() > 0) {
      parts.add(names(c.departed(), c.departures()) + (c.departures() == 1 ? " leaves" : " leave"));
    }
    return capitalise(String.join("; ", parts)) + ". " + c.present() + (c.present() == 1 ? " person is" : " people are")
        + " here.";
  }

  /** The names given and, when they are fewer than {@code total}, how many others: "Ann, Bob and 3 others". */
  static String names(List<String> named, int total) {
    int others = total - named.size();
    if (named.isEmpty()) {
      return total + (total == 1 ? " person" : " people");
    }
    if (others <= 0) {
      return named.size() <= 1 ? String.join("", named)
          : String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
    }
    return String.join(", ", named) + " and " + others + (others == 1 ? " other" : " others");
  }

  /** What someone else did where the player is. */
  public String broadcast(LocationEntity.Broadcast b) {
    if (b instanceof LocationEntity.Arrival a) {
      return who(a.occupant()) + " arrives.";
    } else if (b instanceof LocationEntity.Departure d) {
      return who(d.occupant()) + " leaves" + (d.to() == null ? "." : " for " + placeName(d.to()) + ".");
    } else if (b instanceof LocationEntity.ItemsTaken t) {
      return who(t.taker()) + " takes " + units(t.item(), t.quantity()) + ".";
    } else if (b instanceof LocationEntity.ItemsDropped d) {
      return (world.creature(d.dropper()).isPresent() ? "The " + creatureName(d.dropper()) : d.dropper()) + " drops "
          + units(d.item(), d.quantity()) + ".";
    } else if (b instanceof LocationEntity.ResourcesHarvested h) {
      return who(h.gatherer()) + " gathers " + units(h.item(), h.quantity()) + ".";
    } else if (b instanceof LocationEntity.CreatureSlain s) {
      return who(s.killer()) + " kills the " + creatureName(s.creature()) + ".";
    } else if (b instanceof LocationEntity.CreatureArrived a) {
      return "A " + creatureName(a.creature()) + " wanders in" + (a.from() == null ? "." : " from " + placeName(a.from()) + ".");
    } else if (b instanceof LocationEntity.CreatureDeparted d) {
      return "The " + creatureName(d.creature()) + " wanders off" + (d.to() == null ? "." : " towards " + placeName(d.to()) + ".");
    } else if (b instanceof LocationEntity.CreatureAttacked a) {
      return "The " + creatureName(a.creature()) + " attacks " + a.target()
          + (a.damage() > 0 ? " and hurts them." : " but misses.") + (a.wokeAt() != null ? " " + a.target() + " falls." : "");
    } else if (b instanceof LocationEntity.Attacked a) {
      String target = "the " + creatureName(a.target());
      return who(a.attacker()) + (a.damage() > 0 ? " strikes " + target + "." : " swings at " + target + " and misses.");
    } else if (b instanceof LocationEntity.NodesRegrown r) {
      return r.nodes().stream().map(n -> "The " + world.node(n).map(x -> x.name()).orElse(n) + " is full again.")
          .collect(Collectors.joining(" "));
    }
    return String.valueOf(b);
  }

  /** As {@link #broadcast(LocationEntity.Broadcast)}, told to {@code viewer} (who may be the one attacked). */
  public String broadcast(LocationEntity.Broadcast b, String viewer) {
    if (b instanceof LocationEntity.CreatureAttacked a && a.target().equals(viewer)) {
      String name = creatureName(a.creature());
      if (a.damage() == 0) {
        return "The " + name + " lunges at you and misses.";
      }
      String hit = "The " + name + (a.outcome().equals("critical") ? " savages you" : " attacks you") + " for "
          + a.damage() + " damage";
      return a.wokeAt() != null
          ? hit + ". You fall. You wake at " + placeName(a.wokeAt()) + ", your pack left behind."
          : hit + " (" + a.hpLeft() + " HP left).";
    }
    return broadcast(b);
  }

  /** The news of a zone: weather, world events, the turning of the day. */
  public String news(ZoneEntity.Broadcast b) {
    if (b instanceof ZoneEntity.WeatherTurned w) {
      return switch (w.to()) {
        case CLEAR -> "The sky clears.";
        case CLOUDY -> "Clouds gather overhead.";
        case FOG -> "A thick fog creeps in; you can barely see a stone's throw.";
        case RAIN -> "It starts to rain.";
        case STORM -> "A storm breaks: wind howls and rain lashes down.";
        case SNOW -> "Snow begins to fall.";
      };
    } else if (b instanceof ZoneEntity.WorldEventNews e) {
      return e.text();
    } else if (b instanceof ZoneEntity.DayTurned d) {
      return switch (d.phase()) {
        case DAWN -> "Dawn breaks over the land.";
        case DAY -> "The sun is up.";
        case DUSK -> "The sun sets; dusk falls.";
        case NIGHT -> "Night has fallen.";
      };
    }
    return String.valueOf(b);
  }

  public String placeName(String locationId) {
    return world.location(locationId).map(l -> l.name()).orElse(locationId);
  }

  public String creatureName(String creatureId) {
    return world.creature(creatureId).map(CreatureSpawn::kind).map(k -> world.creatureKinds().get(k).name())
        .orElse(creatureId);
  }

  private String verbOf(String node) {
    return world.node(node).map(n -> n.verb()).orElse("gather");
  }

  private String units(String item, int quantity) {
    return English.count(world.itemName(item), quantity);
  }

  private String list(List<ItemStack> stacks) {
    return stacks.stream().map(s -> units(s.item(), s.quantity())).collect(Collectors.joining(", "));
  }

  private static String levelUp(int level) {
    return level > 0 ? " You reach level " + level + "!" : "";
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** What {@code help} shows: the verbs usable here and now, each with an example. */
  public String help(io.microcosm.language.Interpretation.Help help) {
    StringBuilder sb = new StringBuilder("What you can do here:");
    for (var usage : help.usages()) {
      sb.append("\n  ").append(String.join(", ", usage.verbs())).append("  (e.g. \"").append(usage.example()).append("\")");
    }
    return sb.toString();
  }

  /** A closer look at one thing: its description from the world's data. */
  public String examine(io.microcosm.language.Interpretation.Action a) {
    if (a.item() != null) {
      return world.item(a.item()).map(i -> capitalise(i.name()) + ": " + i.description()).orElse("You see nothing special.");
    } else if (a.creature() != null) {
      String kind = world.creature(a.creature()).map(CreatureSpawn::kind).orElse(a.creature());
      return world.creatureKinds().containsKey(kind)
          ? capitalise(world.creatureKinds().get(kind).name()) + ": " + world.creatureKinds().get(kind).description()
          : "You see nothing special.";
    } else if (a.node() != null) {
      return world.node(a.node()).map(n -> capitalise(n.name()) + ": " + n.description()).orElse("You see nothing special.");
    } else if (a.station() != null && world.stations().containsKey(a.station())) {
      var st = world.stations().get(a.station());
      return capitalise(st.name()) + ": " + st.description();
    } else if (a.player() != null) {
      return a.player() + " is here.";
    } else if (a.direction() != null) {
      return "A way leads " + a.direction().label() + ".";
    }
    return "You see nothing special.";
  }
}
