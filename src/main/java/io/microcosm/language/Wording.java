package io.microcosm.language;

import io.microcosm.world.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The line as typed, made into words: punctuation, politeness and quoting handled before any meaning. */
final class Wording {

  private static final List<List<String>> LEADING_FILLERS = Stream.of(
          "i want to", "i wanna", "i would like to", "i'd like to", "id like to", "i'd love to", "i need to",
          "i will", "i'll", "i shall", "let me", "let's", "lets", "could you", "can you", "would you", "will you",
          "could i", "can i", "may i", "try to", "go and", "please", "now", "then", "and", "just", "ok", "okay")
      .map(English::words)
      .toList();
  private static final Set<String> TRAILING_FILLERS = Set.of("please", "now", "then", "again", "thanks");
  private static final Set<String> JOINERS = Set.of("and", "then");

  private Wording() {}

  /** Lower-case words without punctuation; a full stop inside a word stays (creature ids). */
  static List<String> tokens(String raw) {
    String t = raw.toLowerCase(Locale.ROOT).replace('’', '\'');
    t = t.replaceAll("[,;:!?\"()]", " ").replaceAll("\\.+(\\s|$)", " ");
    return English.words(t);
  }

  /** Drops politeness and preambles ("could you please", "I want to"), then apostrophes. */
  static List<String> withoutFillers(List<String> tokens) {
    List<String> words = new ArrayList<>(tokens);
    boolean stripped = true;
    while (stripped && !words.isEmpty()) {
      stripped = false;
      for (List<String> filler : LEADING_FILLERS) {
        if (words.size() > filler.size() && words.subList(0, filler.size()).equals(filler)) {
          words.subList(0, filler.size()).clear();
          stripped = true;
        }
      }
      if (words.size() > 1 && words.get(0).equals("i")) {
        words.remove(0);
        stripped = true;
      }
    }
    boolean trailing = true;
    while (trailing && words.size() > 1) {
      trailing = false;
      if (TRAILING_FILLERS.contains(words.get(words.size() - 1))) {
        words.remove(words.size() - 1);
        trailing = true;
      } else if (words.size() > 2 && words.subList(words.size() - 2, words.size()).equals(List.of("for", "me"))) {
        words.subList(words.size() - 2, words.size()).clear();
        trailing = true;
      }
    }
    words.removeIf(w -> w.equals("please"));
    return words.stream().map(w -> w.replace("'", "")).filter(w -> !w.isEmpty()).toList();
  }

  /**
   * The commands in "take the apple and go north" (one part if there is only one): a joining word
   * followed by a verb or a direction starts the next.
   */
  static List<String> commands(List<String> words) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < words.size() - 1; i++) {
      List<String> after = words.subList(i + 1, words.size());
      boolean command = Verbs.leading(after).isPresent() || Direction.parse(after.get(0)).isPresent();
      if (JOINERS.contains(words.get(i)) && command) {
        parts.add(String.join(" ", words.subList(start, i)));
        start = i + 1;
      }
    }
    parts.add(String.join(" ", words.subList(start, words.size())));
    return parts;
  }

  /** What follows {@code word} in the line as typed, case and punctuation kept. */
  static String afterWord(String raw, String word) {
    Matcher m = Pattern.compile("(?i)(^|\\s)" + Pattern.quote(word) + "(?=[\\s:,]|$)[\\s:,]*").matcher(raw);
    return m.find() ? raw.substring(m.end()).strip() : "";
  }

  /** {@code words} (lower case) with the capitals the player typed. */
  static String asTyped(String raw, String words) {
    Matcher m = Pattern.compile("(?i)" + Pattern.quote(words)).matcher(raw);
    return m.find() ? m.group() : words;
  }

  /** Text without the quotes around it ("Hello" or 'Hello', or a closing quote left from '"Hello"'). */
  static String unquoted(String text) {
    String t = text.strip();
    if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1).strip();
    }
    if (t.endsWith("\"") && !t.substring(0, t.length() - 1).contains("\"")) {
      return t.substring(0, t.length() - 1).strip();
    }
    return t;
  }

  /** The words before the first of {@code stops} ("apple" of "apple from the ground"). */
  static List<String> until(List<String> words, Set<String> stops) {
    for (int i = 0; i < words.size(); i++) {
      if (stops.contains(words.get(i))) {
        return words.subList(0, i);
      }
    }
    return words;
  }

  /** The words without particles at the end ("pick the apples up"). */
  static List<String> withoutTrailing(List<String> words, Set<String> particles) {
    int end = words.size();
    while (end > 0 && particles.contains(words.get(end - 1))) {
      end--;
    }
    return words.subList(0, end);
  }
}
