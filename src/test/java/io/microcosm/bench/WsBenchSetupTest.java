package io.microcosm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the WebSocket bots walk and how they read the server's messages and metrics. */
class WsBenchSetupTest {

  private static final World VALE = WorldLoader.load("vale");

  @Test
  void botsKeepToTheValeByOrdinaryExits() {
    BotMap map = BotMap.of(VALE);

    assertEquals("vale.square", map.start());
    assertEquals(13, map.places(), "the Vale without the loft, which is a climb");
    assertTrue(map.ways("vale.forest-edge").stream().allMatch(w -> w.to().startsWith("vale.")),
        "the mines and the wilds are left out");
    assertFalse(map.ways("vale.tavern-yard").stream().anyMatch(w -> w.direction().equals("up")), "the loft costs 2");
    assertEquals(List.of(), map.ways("vale.tavern-loft"), "off the map");
  }

  @Test
  void botsGatherByHandAndKnowTheWayThere() {
    BotMap map = BotMap.of(VALE);

    assertEquals(List.of("copper-nuggets", "fallen-branches"), map.handNodes("vale.riverbank"));
    assertFalse(map.gatheringPlaces().containsKey("vale.mill"), "fishing needs a rod");
    assertEquals("vale.riverbank", map.towardsNodes("vale.carpenter").orElseThrow().to());
    assertEquals("vale.tavern-yard", map.towardsNodes("vale.herbalist").orElseThrow().to(), "then the orchard");
  }

  @Test
  void theTypeIsReadWithoutParsing() {
    assertEquals("world_update", WsBot.typeOf("{\"type\":\"world_update\",\"location\":\"vale.square\",\"seq\":3}"));
    assertEquals("reply", WsBot.typeOf("{\"seq\":4,\"type\":\"reply\"}"));
    assertEquals("?", WsBot.typeOf("not json"));
  }

  @Test
  void metricsAreReadFromThePrometheusText() {
    Map<String, Double> m = ServerProbe.parse("""
        # HELP jvm_memory_bytes_used Used bytes of a given JVM memory area.
        # TYPE jvm_memory_bytes_used gauge
        jvm_memory_bytes_used{area="heap",} 4.2435576E7
        process_resident_memory_bytes 2.7158528E8
        microcosm_connections 12.0
        """);

    assertEquals(4.2435576E7, m.get("jvm_memory_bytes_used{area=\"heap\",}"));
    assertEquals(2.7158528E8, m.get("process_resident_memory_bytes"));
    assertEquals(12.0, m.get("microcosm_connections"));
  }
}
