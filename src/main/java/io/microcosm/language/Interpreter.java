package io.microcosm.language;

/**
 * Turns what a player typed into what the player means, given what the player can see and carry.
 * An interpreter never acts and never throws for odd input: anything it cannot turn into an
 * action becomes a {@link Interpretation.Question} or an {@link Interpretation.Unknown}.
 *
 * <p>When the answer is a question, the caller keeps it in the context of the next line only
 * ({@link Context#withPending}), so that a reply like "the first", "2" or "copper" answers it; a
 * reply that answers nothing is read as a new command.
 *
 * <p>Implementations are stateless and safe to share between sessions.
 */
public interface Interpreter {

  Interpretation interpret(String line, Context context);
}
