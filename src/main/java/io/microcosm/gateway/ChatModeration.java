package io.microcosm.gateway;

import com.typesafe.config.Config;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides whether a chat message goes out: not empty, not too long, no blocked word, not too fast
 * (flood control) and not the same text over and over (repeat damping). A refused message is not
 * delivered and its reason is for the sender only; refused messages do not count against the
 * sender's flood or repeat allowance.
 *
 * <p>Blocked words are matched as whole words (so a blocked "ass" leaves "class" and "as" alone),
 * ignoring case and accents, and also when written with look-alike digits and signs ({@code b4d}),
 * stretched ({@code baaad}) or spaced out ({@code b a d}, {@code b.a.d}).
 *
 * <p>Pure and thread-safe: the time comes in with each call; per-speaker memory is bounded and
 * forgotten once a speaker has been quiet longer than both windows.
 */
public final class ChatModeration {

  /**
   * @param blockedWords words or phrases refused
   * @param maxLength longest message in characters (code points)
   * @param floodMessages at most this many messages per speaker within {@code floodWindow}
   * @param repeatLimit the same text at most this many times per speaker within {@code repeatWindow}
   * @param maxSpeakers the most speakers remembered at once
   */
  public record Settings(
      List<String> blockedWords, int maxLength, int floodMessages, Duration floodWindow, int repeatLimit,
      Duration repeatWindow, int maxSpeakers) {

    public Settings {
      blockedWords = List.copyOf(blockedWords);
      requirePositive("max-length", maxLength);
      requirePositive("flood.messages", floodMessages);
      requirePositive("repeat.limit", repeatLimit);
      requirePositive("max-speakers", maxSpeakers);
      if (floodWindow.isNegative() || floodWindow.isZero() || repeatWindow.isNegative() || repeatWindow.isZero()) {
        throw new IllegalArgumentException("microcosm.moderation windows must be positive, were flood "
            + floodWindow + " and repeat " + repeatWindow);
      }
    }

    public static Settings fromConfig(Config config) {
      Config c = config.getConfig("microcosm.moderation");
      return new Settings(c.getStringList("blocked-words"), c.getInt("max-length"), c.getInt("flood.messages"),
          c.getDuration("flood.window"), c.getInt("repeat.limit"), c.getDuration("repeat.window"),
          c.getInt("max-speakers"));
    }

    private static void requirePositive(String key, int value) {
      if (value < 1) {
        throw new IllegalArgumentException("microcosm.moderation." + key + " must be >= 1, was " + value);
      }
    }
  }

  public sealed interface Verdict permits Allowed, Blocked {}

  /** Deliver {@code text}: the message on one line, control characters and runs of blanks made one space. */
  public record Allowed(String text) implements Verdict {}

  /** Not delivered; {@code message} is for the sender. */
  public record Blocked(Reason reason, String message) implements Verdict {}

  public enum Reason { EMPTY, TOO_LONG, BLOCKED_WORD, FLOOD, REPEATED }

  /** Most recent messages kept per speaker for repeat damping, whatever the window. */
  private static final int SAID_KEPT = 32;
  /** Control characters and blanks of any kind: a chat line is one line, blanks collapsed. */
  private static final Pattern BLANKS = Pattern.compile("[\\p{Cc}\\p{Z}\\s]+");
  private static final Pattern MARKS = Pattern.compile("[\\p{Mn}\\p{Cf}]+");
  private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}]+");
  private static final Pattern PLAIN_WORDS = Pattern.compile("[\\p{L}\\p{N}\\s'-]*\\p{L}[\\p{L}\\p{N}\\s'-]*");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern SPACED_OUT = Pattern.compile("(?<!\\p{L})\\p{L}(?: \\p{L}(?!\\p{L}))+");

  private final Settings settings;
  private final Clock clock;
  private final List<Pattern> blocked;
  private final long floodMillis;
  private final long repeatMillis;
  /** In access order: the longest silent speaker first. */
  private final LinkedHashMap<String, Speaker> speakers = new LinkedHashMap<>(256, 0.75f, true);

  public ChatModeration(Settings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.blocked = settings.blockedWords().stream().map(ChatModeration::wordPattern).toList();
    this.floodMillis = settings.floodWindow().toMillis();
    this.repeatMillis = settings.repeatWindow().toMillis();
  }

  public static ChatModeration fromConfig(Config config, Clock clock) {
    return new ChatModeration(Settings.fromConfig(config), clock);
  }

  public Verdict check(String speaker, String text) {
    return check(speaker, text, clock.instant());
  }

  public synchronized Verdict check(String speaker, String text, Instant now) {
    String clean = BLANKS.matcher(text == null ? "" : text).replaceAll(" ").strip();
    if (clean.isEmpty()) {
      return new Blocked(Reason.EMPTY, "There is nothing to say.");
    }
    int length = clean.codePointCount(0, clean.length());
    if (length > settings.maxLength()) {
      return new Blocked(Reason.TOO_LONG, String.format(
          "Your message has %d characters; at most %d go out at once.", length, settings.maxLength()));
    }
    if (containsBlockedWord(clean)) {
      return new Blocked(Reason.BLOCKED_WORD, "Your message was not sent: it contains a word that is not allowed here.");
    }
    long at = now.toEpochMilli();
    forgetQuietSpeakers(at);
    Speaker s = speakers.computeIfAbsent(speaker, k -> new Speaker());
    trimSpeakers();
    s.forgetBefore(at);
    if (s.sentAt.size() >= settings.floodMessages()) {
      long wait = s.sentAt.peekFirst() + floodMillis - at;
      return new Blocked(Reason.FLOOD, String.format(
          "You are speaking too fast; wait %d seconds.", Math.max(1, (wait + 999) / 1000)));
    }
    String sameness = sameness(clean);
    long repeats = s.said.stream().filter(said -> said.text.equals(sameness)).count();
    if (repeats >= settings.repeatLimit()) {
      return new Blocked(Reason.REPEATED, "You have just said that; say something else.");
    }
    s.sentAt.addLast(at);
    s.said.addLast(new Said(sameness, at));
    if (s.said.size() > SAID_KEPT) {
      s.said.removeFirst();
    }
    return new Allowed(clean);
  }

  /** How many speakers are remembered. */
  public synchronized int tracked() {
    return speakers.size();
  }

  private boolean containsBlockedWord(String text) {
    if (blocked.isEmpty()) {
      return false;
    }
    // Signs are read both as letters ("a$$") and as punctuation ("bad!"), whichever reveals a word.
    for (String folded : List.of(fold(text, true), fold(text, false))) {
      String joined = joinSpacedOut(folded);
      for (Pattern word : blocked) {
        if (word.matcher(folded).find() || word.matcher(joined).find()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Two messages are the same when they differ only in case, accents, punctuation and spacing. */
  static String sameness(String text) {
    String s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
    String words = NOT_WORD.matcher(s).replaceAll(" ").strip();
    return words.isEmpty() ? s : words;
  }

  /**
   * The form words are compared in: lower case, no accents, look-alike digits (and, when
   * {@code signs}, signs such as {@code $}) read as letters, every run of other characters one space.
   */
  static String fold(String text, boolean signs) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(switch (c) {
        case '0' -> 'o';
        case '1' -> 'i';
        case '3' -> 'e';
        case '4' -> 'a';
        case '5' -> 's';
        case '7' -> 't';
        case '8' -> 'b';
        case '!' -> signs ? 'i' : c;
        case '@' -> signs ? 'a' : c;
        case '$' -> signs ? 's' : c;
        default -> c;
      });
    }
    return NOT_LETTER.matcher(b).replaceAll(" ").strip();
  }

  /** Runs of single letters written apart ("b a d") written together ("bad"). */
  static String joinSpacedOut(String folded) {
    return SPACED_OUT.matcher(folded).replaceAll(m -> m.group().replace(" ", ""));
  }

  /** A blocked word or phrase as a pattern on folded text: whole words, each letter stretchable. */
  static Pattern wordPattern(String word) {
    // Written plainly: the look-alikes are the matcher's business, and "a$$" would otherwise block "a".
    if (!PLAIN_WORDS.matcher(word).matches()) {
      throw new IllegalArgumentException("microcosm.moderation.blocked-words: '" + word
          + "' must be plain words (letters, digits, blanks, ' and -), with at least one letter");
    }
    String folded = fold(word, false);
    StringBuilder regex = new StringBuilder("(?<!\\p{L})");
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      regex.append(c == ' ' ? " " : Pattern.quote(String.valueOf(c)) + "+");
    }
    return Pattern.compile(regex.append("(?!\\p{L})").toString());
  }

  private void forgetQuietSpeakers(long now) {
    long quiet = Math.max(floodMillis, repeatMillis);
    Iterator<Speaker> it = speakers.values().iterator();
    while (it.hasNext()) {
      if (it.next().lastAt() + quiet <= now) {
        it.remove();
      } else {
        return;
      }
    }
  }

  private void trimSpeakers() {
    Iterator<Speaker> it = speakers.values().iterator();
    while (speakers.size() > settings.maxSpeakers() && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private record Said(String text, long at) {}

  private final class Speaker {
    final ArrayDeque<Long> sentAt = new ArrayDeque<>();
    final ArrayDeque<Said> said = new ArrayDeque<>();

    void forgetBefore(long now) {
      while (!sentAt.isEmpty() && sentAt.peekFirst() + floodMillis <= now) {
        sentAt.removeFirst();
      }
      while (!said.isEmpty() && said.peekFirst().at() + repeatMillis <= now) {
        said.removeFirst();
      }
    }

    long lastAt() {
      long last = Long.MIN_VALUE / 2;
      if (!sentAt.isEmpty()) {
        last = Math.max(last, sentAt.peekLast());
      }
      if (!said.isEmpty()) {
        last = Math.max(last, said.peekLast().at());
      }
      return last;
    }
  }
}
