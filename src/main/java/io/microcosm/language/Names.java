package io.microcosm.language;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Finding what a noun phrase means among the things that are relevant: by id, name or alias,
 * exactly, by some of their words ("rusty" for the rusty sword), in the plural, by the beginnings
 * of words ("swo") or with a slip of the keyboard. The closest kind of match wins, so "copper
 * sword" picks the copper sword even though "sword" also names the rusty one.
 */
final class Names {

  /** The shortest beginning of a word that counts as naming it. */
  private static final int MIN_PREFIX = 3;

  /** How a candidate fits: not at all, as typed, or only once the last word is made singular. */
  private enum Fit { NONE, EXACT, PLURAL }

  /** How loosely a typed word may fit a known one: exactly, as its beginning ("swo"), or with a slip. */
  private enum Loose { NOT, PREFIX, SLIP }

  /** Something a player may name, carrying what it resolves to. */
  record Named<T>(T value, String id, String name, List<String> aliases) {

    Named {
      aliases = List.copyOf(aliases);
    }

    /** Every way of calling it, normalized and without articles. */
    Set<String> forms() {
      Set<String> out = new LinkedHashSet<>();
      out.add(form(id));
      out.add(form(name));
      aliases.forEach(a -> out.add(form(a)));
      out.remove("");
      return out;
    }

    Set<String> vocabulary() {
      Set<String> out = new HashSet<>();
      forms().forEach(f -> out.addAll(English.words(f)));
      return out;
    }

    private static String form(String text) {
      return String.join(" ", English.withoutArticles(English.words(English.normalize(text))));
    }
  }

  /**
   * What a phrase named.
   *
   * @param values the best matches, in candidate order, each once
   * @param plural the phrase named them only in the plural ("apples"), so it likely means all of them
   */
  record Match<T>(List<T> values, boolean plural) {

    static <T> Match<T> none() {
      return new Match<>(List.of(), false);
    }

    boolean found() {
      return !values.isEmpty();
    }

    boolean unique() {
      return values.size() == 1;
    }
  }

  private Names() {}

  /** Resolves {@code typed} (lower case, articles removed) against {@code candidates}. */
  static <T> Match<T> resolve(List<String> typed, List<Named<T>> candidates) {
    List<String> words = English.words(English.normalize(String.join(" ", typed)));
    if (words.isEmpty() || candidates.isEmpty()) {
      return Match.none();
    }
    String phrase = String.join(" ", words);
    List<String> singularPhrases = English.singulars(words.get(words.size() - 1)).stream()
        .map(s -> joinWithLast(words, s))
        .toList();

    List<Prepared<T>> prepared = candidates.stream().map(Prepared::of).toList();

    Match<T> exact = collect(prepared, c -> c.forms().contains(phrase) ? Fit.EXACT
        : singularPhrases.stream().anyMatch(c.forms()::contains) ? Fit.PLURAL : Fit.NONE);
    if (exact.found()) {
      return exact;
    }
    Match<T> partial = collect(prepared, c -> wordsFit(words, c.vocabulary(), Loose.NOT));
    if (partial.found()) {
      return partial;
    }
    Match<T> begun = collect(prepared, c -> wordsFit(words, c.vocabulary(), Loose.PREFIX));
    if (begun.found()) {
      return begun;
    }
    return collect(prepared, c -> wordsFit(words, c.vocabulary(), Loose.SLIP));
  }

  /** A candidate with its forms and words worked out once for all the kinds of match. */
  private record Prepared<T>(T value, Set<String> forms, Set<String> vocabulary) {

    static <T> Prepared<T> of(Named<T> named) {
      return new Prepared<>(named.value(), named.forms(), named.vocabulary());
    }
  }

  private static <T> Match<T> collect(List<Prepared<T>> candidates, Function<Prepared<T>, Fit> fitting) {
    Set<T> values = new LinkedHashSet<>();
    boolean plural = true;
    for (Prepared<T> c : candidates) {
      Fit fit = fitting.apply(c);
      if (fit != Fit.NONE) {
        values.add(c.value());
        plural &= fit == Fit.PLURAL;
      }
    }
    return values.isEmpty() ? Match.none() : new Match<>(new ArrayList<>(values), plural);
  }

  /** Every word is one of the candidate's words, allowing a plural and what {@code loose} allows. */
  private static Fit wordsFit(List<String> words, Set<String> vocabulary, Loose loose) {
    boolean lastOnlyAsPlural = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (vocabulary.contains(w)) {
        continue;
      }
      if (English.singulars(w).stream().anyMatch(vocabulary::contains)) {
        lastOnlyAsPlural = i == words.size() - 1;
        continue;
      }
      if (loose == Loose.PREFIX && w.length() >= MIN_PREFIX && vocabulary.stream().anyMatch(v -> v.startsWith(w))) {
        continue;
      }
      if (loose == Loose.SLIP && vocabulary.stream().anyMatch(v -> close(w, v))) {
        continue;
      }
      return Fit.NONE;
    }
    return lastOnlyAsPlural ? Fit.PLURAL : Fit.EXACT;
  }

  /**
   * A slip of the keyboard: few edits, and the same first letter, since a word is seldom mistyped at
   * its start (this keeps "food" from being read as "wood").
   */
  static boolean close(String typed, String known) {
    int tolerance = English.tolerance(typed);
    return tolerance > 0 && !known.isEmpty() && typed.charAt(0) == known.charAt(0)
        && Math.abs(typed.length() - known.length()) <= tolerance && English.distance(typed, known) <= tolerance;
  }

  private static String joinWithLast(List<String> words, String last) {
    List<String> out = new ArrayList<>(words.subList(0, words.size() - 1));
    out.add(last);
    return String.join(" ", out);
  }
}
