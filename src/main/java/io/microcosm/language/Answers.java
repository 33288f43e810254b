package io.microcosm.language;

import io.microcosm.language.Interpretation.Option;
import io.microcosm.language.Interpretation.Question;
import io.microcosm.language.Interpretation.Unknown;
import io.microcosm.language.Names.Match;
import io.microcosm.language.Names.Named;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Replies to a question the interpreter asked: by number ("2"), by ordinal ("the first one") or by
 * some words of an option ("copper"). A reply that fits no option is not an answer; the line is then
 * read as a new command.
 */
final class Answers {

  private static final Set<String> CANCEL = Set.of("never mind", "nevermind", "cancel", "forget it", "none", "nothing",
      "neither");
  private static final Set<String> FILLER = Set.of("one", "ones", "number", "option", "please", "i", "mean", "want");

  private Answers() {}

  static Optional<Interpretation> answer(String raw, Question question) {
    List<String> tokens = Wording.tokens(raw);
    if (CANCEL.contains(String.join(" ", tokens))) {
      return Optional.of(new Unknown("Never mind.", List.of()));
    }
    List<String> words = English.withoutArticles(Wording.withoutFillers(tokens)).stream()
        .filter(w -> !FILLER.contains(w))
        .toList();
    List<Option> options = question.options();
    if (words.size() == 1) {
      OptionalInt n = English.number(words.get(0));
      OptionalInt nth = English.ordinal(words.get(0));
      int index = n.isPresent() ? n.getAsInt() : nth.orElse(0);
      if (index == English.LAST) {
        return Optional.of(options.get(options.size() - 1).action());
      }
      if (index >= 1 && index <= options.size()) {
        return Optional.of(options.get(index - 1).action());
      }
    }
    if (words.isEmpty()) {
      return Optional.empty();
    }
    List<Named<Option>> named = options.stream()
        .map(o -> new Named<>(o, "", o.label(), Stream.of(o.action().item(), o.action().node(), o.action().recipe(),
            o.action().creature()).filter(id -> id != null).toList()))
        .toList();
    Match<Option> match = Names.resolve(words, named);
    if (match.unique()) {
      return Optional.of(match.values().get(0).action());
    }
    if (match.found() && match.values().size() < options.size()) {
      return Optional.of(DeterministicInterpreter.question("Which one", match.values()));
    }
    if (match.found()) {
      return Optional.of(question);
    }
    return Optional.empty();
  }
}
