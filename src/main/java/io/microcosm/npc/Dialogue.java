package io.microcosm.npc;

import io.microcosm.rules.StandingRules;
import io.microcosm.rules.StandingRules.Tier;
import io.microcosm.world.LoreDef;
import io.microcosm.world.NpcActivity;
import io.microcosm.world.NpcDef;
import io.microcosm.world.Personality;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an NPC says, composed from templates chosen by its personality, its emotion, how it regards
 * the player, the player's standing with its faction and what it remembers (the best-ranked memories
 * for the topic). The lines are the NPC's speech: data a client shows as it is. A player its faction
 * counts hostile is turned away: no talk, no help asked or taken; an unfriendly one is answered
 * curtly; an honoured one warmly.
 */
public final class Dialogue {

  /** @param offer a goal the NPC asks the player's help with, or null */
  public record Reply(String line, Goal offer, List<Long> recalled) {}

  private final NpcMind minds;
  private final MemoryRetrieval retrieval = MemoryRetrieval.standard();

  public Dialogue(NpcMind minds) {
    this.minds = minds;
  }

  /** Whether an NPC turns away a player with {@code standing} with its faction. */
  public static boolean refuses(int standing) {
    return StandingRules.tierOf(standing) == Tier.HOSTILE;
  }

  public Reply reply(NpcDef def, Mind m, String player, String topic, long tick, int standing) {
    if (m.activity() == NpcActivity.SLEEP) {
      return new Reply("Mmh... it's the dead of night. Let me sleep.", null, List.of());
    }
    Tier tier = StandingRules.tierOf(standing);
    if (tier == Tier.HOSTILE) {
      return new Reply("I have nothing to say to you, " + player + ". Your kind is not welcome among "
          + factionName(def) + ". Begone.", null, List.of());
    }
    Personality p = def.personality();
    Relationship r = m.relationTo(player);
    boolean known = m.memory().memories().stream().anyMatch(x -> x.about().contains(player));
    List<String> parts = new ArrayList<>();
    parts.add(greeting(def, r, known, player, tier));
    mood(m.emotion()).ifPresent(parts::add);
    List<Long> recalled = new ArrayList<>();
    Goal offer = null;
    if (topic != null && !topic.isBlank()) {
      parts.add(aboutTopic(def, m, topic, tick, recalled));
    } else {
      Goal wanted = m.goals().isEmpty() ? null : m.goals().get(0);
      if (wanted != null && !r.rival()) {
        offer = wanted;
        parts.add(wanted.reason() + ". Could you bring me " + wanted.quantity() + " "
            + minds.world().itemName(wanted.item()) + "? I would not forget it.");
      } else {
        List<Memory> thoughts = m.memory().ofType(MemoryType.REFLECTION);
        if (!thoughts.isEmpty() && p.openness() >= 50) {
          Memory t = thoughts.get(thoughts.size() - 1);
          recalled.add(t.id());
          parts.add("I've been thinking. " + t.text());
        } else {
          parts.add(smallTalk(def, m));
        }
      }
    }
    return new Reply(String.join(" ", parts), offer, recalled);
  }

  private String factionName(NpcDef def) {
    var faction = def.faction() == null ? null : minds.world().factions().get(def.faction());
    return faction == null ? "us" : faction.name();
  }

  private String greeting(NpcDef def, Relationship r, boolean known, String player, Tier tier) {
    if (r.rival()) {
      return "You again, " + player + ".";
    }
    if (tier == Tier.HONOURED) {
      return "Welcome, welcome, " + player + "! " + capitalised(factionName(def))
          + " owes you much; my door is always open to you.";
    }
    if (tier == Tier.UNFRIENDLY) {
      return "What do you want, " + player + "? " + capitalised(factionName(def)) + " has heard about you.";
    }
    if (r.friend()) {
      return "Ah, " + player + "! Good to see you, friend.";
    }
    if (known) {
      return def.personality().extraversion() >= 60 ? "Hello again, " + player + "!" : "Hello, " + player + ".";
    }
    return def.personality().extraversion() >= 60
        ? "Well met, stranger! I'm " + def.name() + ", the " + def.role() + " here."
        : def.name() + ". The " + def.role() + ".";
  }

  private static Optional<String> mood(Emotion e) {
    if (e.intensity() < 0.3) {
      return Optional.empty();
    }
    return Optional.ofNullable(switch (e.mood()) {
      case JOY -> "What a fine day it is!";
      case SADNESS -> "Forgive me, I'm low today.";
      case ANGER -> "Make it quick; I'm in no mood.";
      case FEAR -> "Keep your voice down. Something isn't right.";
      case CALM -> null;
    });
  }

  private String aboutTopic(NpcDef def, Mind m, String topic, long tick, List<Long> recalled) {
    String t = topic.toLowerCase(Locale.ROOT);
    for (LoreDef lore : minds.world().lore().values()) {
      if (lore.knownTo(def) && lore.keywords().stream().anyMatch(k -> t.contains(k) || k.contains(t))) {
        return "Ah, " + lore.title() + ". " + lore.text();
      }
    }
    List<MemoryRetrieval.Scored> top = retrieval.rank(m.memory().memories(), topic, tick, 3);
    for (MemoryRetrieval.Scored s : top) {
      if (s.relevance() > 0) {
        recalled.add(s.memory().id());
        return "I remember this: " + s.memory().text();
      }
    }
    if (def.topics().stream().anyMatch(x -> t.contains(x) || x.contains(t)) || t.contains(def.role())) {
      return "The " + t + "? That's my trade, and I could talk about it all day; ask me something particular.";
    }
    return def.personality().agreeableness() >= 60
        ? "I'm sorry, I know nothing about " + t + ". Someone at the tavern might."
        : "Never heard of " + t + ".";
  }

  private String smallTalk(NpcDef def, Mind m) {
    if (m.needs().hunger() < 30) {
      return "I could eat a horse, to be honest.";
    }
    if (m.needs().energy() < 25) {
      return "I'm dead on my feet today.";
    }
    if (m.weather() != null && m.weather().equals("storm")) {
      return "Best stay indoors while this storm lasts.";
    }
    return switch (m.activity()) {
      case WORK -> "Can't stop long; there's work to do.";
      case EAT -> "Just having a bite to eat.";
      case SOCIALISE -> "Sit down, sit down! Tell me the news.";
      default -> "Quiet day in the Vale.";
    };
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Thanks for a gift; warmer when it met a need, cold from a player the NPC's faction counts hostile. */
  public String thanks(NpcDef def, Mind m, String giver, String item, Goal fulfilled, int standing) {
    String name = minds.world().itemName(item);
    if (refuses(standing)) {
      return "I'll take the " + name + ", " + giver + ", but it buys you nothing from " + factionName(def) + ".";
    }
    if (fulfilled != null) {
      return "Bless you, " + giver + "! That is exactly what I needed. I won't forget this.";
    }
    return def.personality().agreeableness() >= 60
        ? "For me? Thank you kindly, " + giver + ". A fine " + name + "."
        : "Hm. A " + name + ". Thanks, I suppose.";
  }
}
