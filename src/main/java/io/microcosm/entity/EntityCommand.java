package io.microcosm.entity;

/** A command to an entity: it always says which command it is, who sent it and at what clock. */
public interface EntityCommand {
  CommandMeta meta();
}
