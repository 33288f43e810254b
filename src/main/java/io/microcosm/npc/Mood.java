package io.microcosm.npc;

import java.util.Locale;

/** The states of an NPC's emotion. */
public enum Mood {
  CALM, JOY, SADNESS, ANGER, FEAR;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
