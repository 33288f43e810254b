package io.microcosm.npc;

/**
 * How much things matter to an NPC, 1 to 10, by rule: routine is 1-2, company and talk 3-4, being
 * given things or going without 5-6, danger and violence 7-9. Relationships raise it: what a friend
 * or a rival does matters more.
 */
public final class Importance {

  private Importance() {}

  public static final int MEAL = 1;
  public static final int ARRIVAL = 2;
  public static final int SAW_SOMEONE = 2;
  public static final int CHAT = 3;
  /** Something said aloud nearby, not to it. */
  public static final int OVERHEARD = 3;
  public static final int PLAYER_TALK = 4;
  public static final int FOOD_SHORTAGE = 5;
  public static final int HUNGER_CRISIS = 6;
  public static final int GIFT = 6;
  public static final int QUEST_DONE = 7;
  public static final int DANGER = 7;
  /** A fight where it stands. */
  public static final int FIGHT = 7;
  /** A death where it stands. */
  public static final int DEATH = 8;
  public static final int ATTACKED = 9;

  /** {@code base} raised by how strongly the NPC feels about whoever it concerns. */
  public static int about(int base, Relationship r) {
    int bonus = r == null ? 0 : (Math.abs(r.affinity()) >= 60 || r.rivalry() >= 60 ? 2 : Math.abs(r.affinity()) >= 30 ? 1 : 0);
    return Math.max(1, Math.min(10, base + bonus));
  }
}
