package io.microcosm.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line says to wrong input, before and without any journal. */
class ReplayCliTest {

  @TempDir
  Path empty;

  @Test
  void points_in_time_are_read_in_every_documented_form() {
    assertEquals(new ReplayPoint.AtLamport(42), ReplayPoint.parse("42"));
    assertEquals(new ReplayPoint.AtLamport(42), ReplayPoint.parse("lamport:42"));
    assertEquals(new ReplayPoint.AtTick(28_114_000), ReplayPoint.parse("tick:28114000"));
    assertEquals(new ReplayPoint.AtSeq(3), ReplayPoint.parse("seq:3"));
    assertEquals(new ReplayPoint.AtTime(Instant.parse("2026-03-01T12:00:00Z")), ReplayPoint.parse("2026-03-01T12:00:00Z"));
    for (String bad : List.of("yesterday", "lamport:-1", "tick:x", "2026-13-01T00:00:00Z", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayPoint.parse(bad), bad);
      assertTrue(e.getMessage().contains("tick:N"), e.getMessage());
    }
  }

  @Test
  void no_command_an_unknown_one_or_a_misplaced_option_is_a_usage_error() {
    assertUsage(List.of(), "Usage: scripts/replay");
    assertUsage(List.of("replay-everything"), "unknown command 'replay-everything'");
    assertUsage(List.of("stats", "--strict"), "--strict does not apply to stats");
    assertUsage(List.of("state", "--entity"), "--entity needs a value");
    assertUsage(List.of("check", "--limit", "0", "--data-dir", empty.toString()), "There is no H2 journal");
  }

  @Test
  void a_directory_without_a_journal_is_named_with_the_way_to_point_elsewhere() {
    Result r = run(List.of("timeline", "--data-dir", empty.toString()));
    assertEquals(ReplayCli.USAGE, r.code);
    assertTrue(r.err.contains("There is no H2 journal at " + empty.toAbsolutePath().resolve("microcosm.mv.db")), r.err);
    assertTrue(r.err.contains("MICROCOSM_DATA_DIR"), r.err);
  }

  @Test
  void help_goes_to_stdout_and_succeeds() {
    Result r = run(List.of("--help"));
    assertEquals(ReplayCli.OK, r.code);
    assertTrue(r.out.contains("timeline [--entity ID | --zone Z] [--json]"), r.out);
  }

  private void assertUsage(List<String> args, String expected) {
    Result r = run(args);
    assertEquals(ReplayCli.USAGE, r.code, r.err);
    assertTrue(r.err.contains(expected), r.err);
  }

  record Result(int code, String out, String err) {}

  private static Result run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReplayCli.run(args, ConfigFactory.empty(), null, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
