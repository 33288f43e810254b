package io.microcosm.language;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** The little English the interpreter needs: counts, ordinals, plurals, list phrasing and spelling distance. */
public final class English {

  /** Words that carry no meaning in a noun phrase. */
  static final Set<String> ARTICLES = Set.of(
      "the", "a", "an", "some", "my", "your", "his", "her", "their", "our", "this", "that", "these", "those", "more",
      "any", "of");

  private static final Map<String, Integer> NUMBERS = Map.ofEntries(
      Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
      Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
      Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
      Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
      Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("dozen", 12));

  private static final Map<String, Integer> ORDINALS = Map.ofEntries(
      Map.entry("first", 1), Map.entry("second", 2), Map.entry("third", 3), Map.entry("fourth", 4),
      Map.entry("fifth", 5), Map.entry("sixth", 6), Map.entry("seventh", 7), Map.entry("eighth", 8),
      Map.entry("ninth", 9), Map.entry("tenth", 10));

  /** An ordinal meaning "the last one". */
  static final int LAST = -1;

  /** The largest count anyone types on purpose. */
  static final int MAX_COUNT = 1_000_000;

  private English() {}

  /** Lower case, hyphens and underscores as spaces, apostrophes dropped, single spaces. */
  static String normalize(String text) {
    String t = text.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ').replace("'", "").replace("’", "");
    return String.join(" ", words(t));
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.trim().split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** {@code words} without articles and possessives. */
  static List<String> withoutArticles(List<String> words) {
    return words.stream().filter(w -> !ARTICLES.contains(w)).toList();
  }

  /** A number the player wrote that cannot be a count: zero, negative or absurdly large. */
  static boolean impossibleCount(String word) {
    if (!word.matches("-?\\d+")) {
      return false;
    }
    return word.length() > 7 || Integer.parseInt(word) < 1 || Integer.parseInt(word) > MAX_COUNT;
  }

  /** A count written as digits or a word ("3", "three", "dozen"). */
  static OptionalInt number(String word) {
    if (word.matches("\\d{1,7}")) {
      int n = Integer.parseInt(word);
      return n >= 1 && n <= MAX_COUNT ? OptionalInt.of(n) : OptionalInt.empty();
    }
    Integer n = NUMBERS.get(word);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }

  /** "second", "2nd", "last" (as {@link #LAST}). */
  static OptionalInt ordinal(String word) {
    if (word.equals("last")) {
      return OptionalInt.of(LAST);
    }
    Integer n = ORDINALS.get(word);
    if (n != null) {
      return OptionalInt.of(n);
    }
    if (word.matches("\\d{1,3}(st|nd|rd|th)")) {
      return OptionalInt.of(Integer.parseInt(word.substring(0, word.length() - 2)));
    }
    return OptionalInt.empty();
  }

  /** The singular forms a plural word may have come from, most likely first; empty if it does not look plural. */
  static List<String> singulars(String word) {
    Set<String> out = new LinkedHashSet<>();
    if (word.length() > 3 && word.endsWith("ies")) {
      out.add(word.substring(0, word.length() - 3) + "y");
    }
    if (word.length() > 3 && word.endsWith("ves")) {
      out.add(word.substring(0, word.length() - 3) + "f");
      out.add(word.substring(0, word.length() - 3) + "fe");
    }
    if (word.length() > 3 && word.endsWith("es")) {
      out.add(word.substring(0, word.length() - 2));
    }
    if (word.length() > 2 && word.endsWith("s") && !word.endsWith("ss")) {
      out.add(word.substring(0, word.length() - 1));
    }
    return List.copyOf(out);
  }

  /** The plural of a name for messages ("grey wolves", "copper ingots", "loaves of bread"). */
  public static String plural(String name) {
    int of = name.indexOf(" of ");
    if (of > 0) {
      return plural(name.substring(0, of)) + name.substring(of);
    }
    if (name.endsWith("f")) {
      return name.substring(0, name.length() - 1) + "ves";
    }
    if (name.endsWith("s") || name.endsWith("x") || name.endsWith("ch") || name.endsWith("sh")) {
      return name + "es";
    }
    if (name.endsWith("y") && name.length() > 1 && "aeiou".indexOf(name.charAt(name.length() - 2)) < 0) {
      return name.substring(0, name.length() - 1) + "ies";
    }
    return name + "s";
  }

  /** "an apple", "a loaf of bread", "2 apples": how many of a thing, for messages. */
  public static String count(String name, int quantity) {
    if (quantity != 1) {
      return quantity + " " + plural(name);
    }
    return ("aeiou".indexOf(Character.toLowerCase(name.isEmpty() ? 'x' : name.charAt(0))) >= 0 ? "an " : "a ") + name;
  }

  /** "a", "a or b", "a, b or c". */
  static String either(List<String> items) {
    return joined(items, "or");
  }

  /** "a", "a and b", "a, b and c". */
  static String both(List<String> items) {
    return joined(items, "and");
  }

  private static String joined(List<String> items, String last) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " " + last + " " + items.get(items.size() - 1);
  }

  /**
   * Edits (insert, delete, substitute, swap two neighbours) that turn {@code a} into {@code b}: the
   * swap counts once, because that is the commonest slip on a keyboard.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** How many slips a typed word of this length may contain and still count as meant: none for short words. */
  static int tolerance(String typed) {
    if (typed.length() < 4) {
      return 0;
    }
    return typed.length() < 8 ? 1 : 2;
  }

  /** Like {@link #tolerance} but a slip is allowed in short words too, for suggesting rather than accepting. */
  static int suggestionTolerance(String typed) {
    return typed.length() < 3 ? 0 : Math.max(1, tolerance(typed));
  }
}
