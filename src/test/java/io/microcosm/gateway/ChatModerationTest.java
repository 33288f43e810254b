package io.microcosm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.gateway.ChatModeration.Allowed;
import io.microcosm.gateway.ChatModeration.Blocked;
import io.microcosm.gateway.ChatModeration.Reason;
import io.microcosm.gateway.ChatModeration.Settings;
import io.microcosm.gateway.ChatModeration.Verdict;
import io.microcosm.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatModerationTest {

  private final ManualClock clock = ManualClock.at("2026-03-01T10:00:00Z");

  /** Blocks "bad", "ass" and the phrase "foul troll"; 5 messages per 10 s; the same text twice a minute. */
  private ChatModeration moderation(int maxSpeakers) {
    return new ChatModeration(new Settings(List.of("bad", "Ass", "foul troll"), 40, 5, Duration.ofSeconds(10), 2,
        Duration.ofMinutes(1), maxSpeakers), clock);
  }

  private final ChatModeration chat = moderation(1_000);

  /** Each message a little later, so flood control stays out of the way unless a test wants it. */
  private Verdict say(String text) {
    clock.advance(Duration.ofSeconds(3));
    return chat.check("ann", text);
  }

  private Blocked assertBlocked(Verdict verdict, Reason reason) {
    Blocked blocked = assertInstanceOf(Blocked.class, verdict);
    assertEquals(reason, blocked.reason(), blocked.message());
    return blocked;
  }

  @Test
  void an_ordinary_message_goes_out_cleaned_of_control_characters() {
    assertEquals(new Allowed("hello there, friend"), say("  hello there,\u0007 friend \n"));
    assertEquals(new Allowed("one line"), say("one\r\n\t line"));
  }

  @Test
  void empty_and_overlong_messages_are_refused() {
    assertBlocked(say("   \n\t "), Reason.EMPTY);
    assertBlocked(say(null), Reason.EMPTY);
    Blocked tooLong = assertBlocked(say("x".repeat(41)), Reason.TOO_LONG);
    assertEquals("Your message has 41 characters; at most 40 go out at once.", tooLong.message());
    assertInstanceOf(Allowed.class, say("🙂".repeat(40)), "characters, not UTF-16 units, are counted");
  }

  @Test
  void blocked_words_are_caught_however_they_are_written() {
    for (String text : List.of("that is bad", "BAD!", "so b4d", "baaaad", "b a d idea", "b.a.d", "bäd", "b-a-d",
        "you ass", "a$$", "what a foul troll", "FOUL   troll!!")) {
      Blocked blocked = assertBlocked(chat.check("speaker-" + text, text), Reason.BLOCKED_WORD);
      assertEquals("Your message was not sent: it contains a word that is not allowed here.", blocked.message());
    }
  }

  @Test
  void blocked_words_inside_other_words_are_left_alone() {
    for (String text : List.of("a classic badge", "as I said", "assist the bard", "a foul wind", "troll bridge",
        "a badger fan", "a b c")) {
      assertInstanceOf(Allowed.class, chat.check("speaker-" + text, text), text);
    }
  }

  @Test
  void a_speaker_who_floods_is_told_to_wait_and_may_speak_again_later() {
    for (int i = 0; i < 5; i++) {
      assertInstanceOf(Allowed.class, chat.check("ann", "message " + i));
      clock.advance(Duration.ofSeconds(1));
    }
    Blocked flood = assertBlocked(chat.check("ann", "one more"), Reason.FLOOD);
    assertEquals("You are speaking too fast; wait 5 seconds.", flood.message());
    assertInstanceOf(Allowed.class, chat.check("bob", "others may speak"));
    clock.advance(Duration.ofSeconds(5));
    assertInstanceOf(Allowed.class, chat.check("ann", "one more"));
  }

  @Test
  void refused_messages_do_not_use_up_the_allowance() {
    for (int i = 0; i < 10; i++) {
      assertBlocked(chat.check("ann", "bad " + i), Reason.BLOCKED_WORD);
    }
    for (int i = 0; i < 5; i++) {
      assertInstanceOf(Allowed.class, chat.check("ann", "fine " + i));
    }
  }

  @Test
  void the_same_text_repeated_is_damped() {
    assertInstanceOf(Allowed.class, say("Buy my sword!"));
    assertInstanceOf(Allowed.class, say("buy my SWORD"));
    Blocked repeated = assertBlocked(say("buy... my sword"), Reason.REPEATED);
    assertEquals("You have just said that; say something else.", repeated.message());
    assertInstanceOf(Allowed.class, say("something else"));
    clock.advance(Duration.ofMinutes(1));
    assertInstanceOf(Allowed.class, say("Buy my sword!"), "after the window it may be said again");
  }

  @Test
  void quiet_speakers_are_forgotten_and_memory_is_capped() {
    ChatModeration small = moderation(3);
    for (String speaker : List.of("a", "b", "c", "d")) {
      small.check(speaker, "hi");
    }
    assertEquals(3, small.tracked());
    clock.advance(Duration.ofMinutes(1));
    small.check("e", "hi");
    assertEquals(1, small.tracked());
  }

  @Test
  void settings_come_from_the_configuration_and_the_environment() {
    Settings defaults = Settings.fromConfig(MicrocosmConfig.load());
    assertEquals(new Settings(List.of(), 500, 5, Duration.ofSeconds(10), 2, Duration.ofMinutes(1), 100_000), defaults);
    Settings configured = Settings.fromConfig(MicrocosmConfig.load(
        ConfigFactory.parseString("microcosm.moderation.blocked-words = [\"grue\", \"xyzzy\"]")));
    assertEquals(List.of("grue", "xyzzy"), configured.blockedWords());
    assertThrows(IllegalArgumentException.class, () -> new ChatModeration(new Settings(List.of("#&%"), 10, 1,
        Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 1), clock), "a word with no letters could never match");
    assertThrows(IllegalArgumentException.class, () -> new ChatModeration(new Settings(List.of("a$$"), 10, 1,
        Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 1), clock), "signs would fold away and block \"a\"");
  }
}
