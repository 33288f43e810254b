package io.microcosm.language;

import java.util.Locale;

/**
 * What a player can ask for. Most map to a player command; SAY, TELL, SHOUT, GIVE and TALK (to an NPC)
 * are carried by the gateway, HELP and EXAMINE are answered from what the player already sees.
 */
public enum Capability {
  MOVE, LOOK, EXAMINE, TAKE, DROP, INVENTORY, STATUS, GATHER, CRAFT, EQUIP, UNEQUIP, USE, ATTACK, REST,
  SAY, TELL, SHOUT, GIVE, TALK, HELP, ACCEPT, ABANDON, QUESTS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
