package io.microcosm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrocosmConfigTest {

  @Test
  void comma_separated_environment_variables_become_lists() {
    Config env = MicrocosmConfig.environment(Map.of(
        "MICROCOSM_CASSANDRA_CONTACT_POINTS", "10.0.0.1:9042, 10.0.0.2:9042",
        "MICROCOSM_BLOCKED_WORDS", " grue ,xyzzy,, plugh "));
    assertEquals(List.of("10.0.0.1:9042", "10.0.0.2:9042"), env.getStringList("microcosm.cassandra.contact-points"));
    assertEquals(List.of("grue", "xyzzy", "plugh"), env.getStringList("microcosm.moderation.blocked-words"));
  }

  @Test
  void unset_or_blank_variables_leave_the_defaults() {
    assertTrue(MicrocosmConfig.environment(Map.of("MICROCOSM_BLOCKED_WORDS", " ")).isEmpty());
    assertTrue(MicrocosmConfig.environment(Map.of()).isEmpty());
  }
}
