package io.microcosm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.world.Direction;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The world the mix workload plays in: its region, its abundance, its clock. */
class MixSetupTest {

  private static final World VALE = WorldLoader.load("vale");

  @Test
  void theRegionIsWhereOnlyPreyLivesNearTheStart() {
    MixRegion region = MixRegion.of(VALE);

    assertEquals(19, region.locations().size());
    assertTrue(region.contains("vale.square"));
    assertTrue(region.contains(VALE.home()), "the fallen wake inside the region");
    assertTrue(region.contains("mines.tunnel"), "giant rats are level 1");
    assertFalse(region.contains("wilds.clearing"), "grey wolves are level 3");
    assertFalse(region.contains("mines.deep-shaft"), "goblins are level 4");
    assertFalse(region.contains("wilds.deep-wood"), "reached only through the clearing");
    assertEquals(List.of("rabbit", "rat"),
        region.creatures().stream().map(id -> VALE.creatures().get(id).kind()).distinct().sorted().toList());
  }

  @Test
  void walksAreShortestAndStayInside() {
    MixRegion region = MixRegion.of(VALE);

    assertEquals(3, region.distance("vale.square", "vale.tannery"));
    assertEquals(Direction.SOUTH, region.stepToward("vale.square", "vale.riverbank").direction());
    assertNull(region.stepToward("vale.square", "vale.square"));
    assertNull(region.stepToward("vale.square", "wilds.clearing"));
    assertEquals(Integer.MAX_VALUE, region.distance("vale.square", "wilds.clearing"));
    // The loft door from the tavern is locked: the way up is the hay ladder in the yard.
    assertEquals(Direction.WEST, region.stepToward("vale.tavern", "vale.tavern-loft").direction());
    assertTrue(region.exits("vale.forest-edge").stream().noneMatch(x -> x.target().equals("wilds.deep-wood")));
  }

  @Test
  void abundanceMultipliesNodesAndCreaturesAndKeepsTheRest() {
    World rich = EntityBenchmark.abounding(VALE, 3);

    assertEquals(VALE.creatures().size() * 3, rich.creatures().size());
    assertEquals(List.of("vale.rabbit.1", "vale.rabbit.1-2", "vale.rabbit.1-3"),
        rich.location("vale.orchard").orElseThrow().creatures());
    assertEquals("rabbit", rich.creatures().get("vale.rabbit.1-3").kind());
    assertEquals(VALE.nodes().get("copper-nuggets").max() * 3, rich.nodes().get("copper-nuggets").max());
    assertEquals(VALE.nodes().get("copper-nuggets").regrowTicks() / 3, rich.nodes().get("copper-nuggets").regrowTicks());
    assertEquals(VALE.recipes(), rich.recipes());
    assertEquals(VALE.home(), rich.home());
    assertEquals(VALE.seed(), rich.seed());
    assertEquals(VALE.location("vale.smithy").orElseThrow().stations(), rich.location("vale.smithy").orElseThrow().stations());
  }

  @Test
  void restockingMultipliesItemsAndKeepsTheGameplay() {
    World stocked = EntityBenchmark.restocked(VALE, 2);

    assertEquals(10, stocked.location("vale.square").orElseThrow().items().get("apple"));
    assertEquals(VALE.nodes(), stocked.nodes());
    assertEquals(VALE.creatures(), stocked.creatures());
    assertEquals(VALE.recipes(), stocked.recipes());
    assertEquals(VALE.home(), stocked.home());
    assertEquals(VALE.location("vale.riverbank").orElseThrow().nodes(),
        stocked.location("vale.riverbank").orElseThrow().nodes());
  }

  @Test
  void worldTimeChangesPaceWithoutGoingBack() throws InterruptedException {
    WorldTime time = new WorldTime(Duration.ofSeconds(1));
    long before = time.now();

    time.setTick(Duration.ofMillis(1));
    long atChange = time.now();
    Thread.sleep(50);
    long after = time.now();

    assertTrue(atChange >= before, atChange + " < " + before);
    assertTrue(after - atChange >= 40, "1 ms ticks: " + (after - atChange) + " in 50 ms");
    time.setTick(Duration.ofSeconds(1));
    assertTrue(time.now() >= after);
  }
}
