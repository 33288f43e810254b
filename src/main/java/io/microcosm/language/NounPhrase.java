package io.microcosm.language;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object of a command, split into how many ("three", "a couple of", "all"), which one
 * ("the second", "wolf 2") and the words that name it, articles removed.
 *
 * @param words the naming words, normalized
 * @param count a number the player gave, or 0
 * @param all the player asked for all there is
 * @param ordinal which one of several (1-based, {@link English#LAST} for the last), or 0
 */
record NounPhrase(List<String> words, int count, boolean all, int ordinal) {

  private static final Set<String> ALL = Set.of("all", "everything", "every", "both", "each");
  private static final Set<String> PAIR = Set.of("couple", "pair");
  private static final Set<String> ONE = Set.of("one", "ones");
  /** Words that point at something without naming it; the handlers then ask or take the only choice. */
  private static final Set<String> PRONOUNS = Set.of("it", "them", "something", "anything", "stuff", "things");
  /** "2x" or "x2", as in "make 2x copper ingot". */
  private static final Pattern TIMES = Pattern.compile("(\\d{1,7})x|x(\\d{1,7})");

  NounPhrase {
    words = List.copyOf(words);
  }

  static NounPhrase parse(List<String> tokens) {
    int count = 0;
    boolean all = false;
    int ordinal = 0;
    int i = 0;
    while (i < tokens.size()) {
      String t = tokens.get(i);
      OptionalInt number = English.number(t);
      OptionalInt nth = English.ordinal(t);
      if (ALL.contains(t)) {
        all = true;
      } else if (PAIR.contains(t)) {
        count = 2;
      } else if (English.ARTICLES.contains(t)) {
        // the, some, my, "a couple of": nothing to count
      } else if (number.isPresent() && count == 0) {
        count = number.getAsInt();
      } else if (nth.isPresent() && ordinal == 0) {
        ordinal = nth.getAsInt();
      } else {
        break;
      }
      i++;
    }
    List<String> rest = new ArrayList<>();
    for (String t : English.withoutArticles(tokens.subList(i, tokens.size()))) {
      Matcher times = TIMES.matcher(t);
      if (times.matches() && count == 0) {
        count = Integer.parseInt(times.group(1) != null ? times.group(1) : times.group(2));
      } else if (!PRONOUNS.contains(t)) {
        rest.add(t);
      }
    }
    if (rest.size() > 1 && ONE.contains(rest.get(rest.size() - 1))) {
      rest.remove(rest.size() - 1);
    }
    if (rest.size() > 1) {
      String last = rest.get(rest.size() - 1).replace("#", "");
      OptionalInt trailing = English.number(last);
      OptionalInt trailingNth = English.ordinal(last);
      if (ordinal == 0 && (trailing.isPresent() || trailingNth.isPresent())) {
        ordinal = trailing.isPresent() ? trailing.getAsInt() : trailingNth.getAsInt();
        rest.remove(rest.size() - 1);
        if (rest.size() > 1 && rest.get(rest.size() - 1).equals("number")) {
          rest.remove(rest.size() - 1);
        }
      }
    }
    return new NounPhrase(rest, count, all, ordinal);
  }

  boolean empty() {
    return words.isEmpty();
  }

  /** The units meant when {@code available} are there and the phrase named them in the plural or not. */
  int quantity(int available, boolean plural) {
    if (all || (plural && count == 0)) {
      return Math.max(1, available);
    }
    return count > 0 ? count : 1;
  }

  /** The naming words as the player wrote them, for messages ("copper ore"). */
  String text() {
    return String.join(" ", words);
  }

  /** The last naming word, the head of the phrase ("ore" in "copper ore"). */
  String head() {
    return words.isEmpty() ? "" : words.get(words.size() - 1);
  }
}
