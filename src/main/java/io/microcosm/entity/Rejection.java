package io.microcosm.entity;

import java.util.Objects;

/**
 * Why a command was refused: a stable machine code for clients and analysis, and one sentence a
 * player can read. A rejected command changed nothing.
 */
public record Rejection(Code code, String message) implements CborSerializable {

  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Rejection of(Code code, String message) {
    return new Rejection(code, message);
  }

  /** Machine codes. Append new ones; never rename or reuse one, journals and clients keep them. */
  public enum Code {
    /** The player has not entered the world yet. */
    NOT_IN_WORLD,
    /** The actor is not at the place the command concerns. */
    NOT_HERE,
    UNKNOWN_DIRECTION,
    NO_EXIT,
    EXIT_BLOCKED,
    EXIT_LOCKED,
    UNKNOWN_ITEM,
    ITEM_NOT_HERE,
    ITEM_NOT_CARRIED,
    INVALID_QUANTITY,
    OVERWEIGHT,
    NO_FREE_SLOT,
    STACK_LIMIT,
    NOT_ENOUGH_STAMINA,
    /** Someone else got there first. */
    CONFLICT,
    /** No such quest is offered to the player, or it is not in the player's quest log. */
    NO_SUCH_QUEST,
    /** Another entity did not answer in time; the command may be retried with the same commandId. */
    UNAVAILABLE,
    /** The item cannot be worn or wielded. */
    NOT_EQUIPPABLE,
    /** The character's level is below what the item, recipe or resource requires. */
    LEVEL_TOO_LOW,
    /** The equipment slot is already filled. */
    SLOT_OCCUPIED,
    /** A two-handed weapon and an off-hand item cannot be held together. */
    TWO_HANDED_CONFLICT,
    /** The item is not equipped. */
    NOT_EQUIPPED,
    /** The item cannot be eaten, drunk or used. */
    NOT_USABLE,
    /** The work needs a tool the character does not have. */
    NO_TOOL,
    /** The recipe needs a crafting station that is not here. */
    NO_STATION,
    /** Not enough of a recipe's inputs. */
    MISSING_MATERIALS,
    /** The resource node has nothing left for now. */
    DEPLETED,
    UNKNOWN_RECIPE,
    /** No resource node of that kind here, or no such kind at all. */
    UNKNOWN_NODE,
    /** No creature of that name or id here. */
    NO_SUCH_TARGET,
    /** The creature is dead (until it respawns). */
    TARGET_DEAD,
    /** A user or character name that does not follow the naming rules. */
    INVALID_NAME,
    /** A password that does not follow the password rules (only when choosing one). */
    INVALID_PASSWORD,
    /** The user or character name already belongs to someone. */
    NAME_TAKEN,
    /** Login refused; deliberately does not say whether the name or the password was wrong. */
    BAD_CREDENTIALS,
    /** No account by that name. */
    NO_SUCH_ACCOUNT,
    /** The account already has as many characters as it may. */
    TOO_MANY_CHARACTERS,
    /** The caller's roles or ownership do not allow this. */
    NOT_PERMITTED,
    /** A session token that is malformed, forged, expired or revoked. */
    INVALID_TOKEN
  }
}
