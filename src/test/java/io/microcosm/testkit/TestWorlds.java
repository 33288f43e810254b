package io.microcosm.testkit;

import io.microcosm.entity.EntitySettings;
import io.microcosm.world.Direction;
import io.microcosm.world.ExitDef;
import io.microcosm.world.ItemDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.PlayerDefaults;
import io.microcosm.world.World;
import io.microcosm.world.ZoneDef;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small worlds whose numbers the tests can reason about. */
public final class TestWorlds {

  public static final String HALL = "keep.hall";
  public static final String YARD = "keep.yard";
  public static final String TOWER = "keep.tower";

  private TestWorlds() {}

  /**
   * Two zones. The hall (start) has pebbles, coins, a sword, a boulder and one gem; north is the
   * yard, east is blocked, west is locked, up leads to the tower in another zone and costs 4 stamina.
   * A new player has 3 slots, carries 10 kg, has 10 stamina and recovers none.
   */
  public static World keep() {
    Map<String, ItemDef> items = Map.of(
        "pebble", new ItemDef("pebble", "pebble", List.of(), 100, 10, "A smooth pebble."),
        "coin", new ItemDef("coin", "gold coin", List.of("gold"), 10, 5, "A gold coin."),
        "sword", new ItemDef("sword", "iron sword", List.of(), 3_000, 1, "An iron sword."),
        "boulder", new ItemDef("boulder", "boulder", List.of(), 50_000, 1, "A boulder."),
        "gem", new ItemDef("gem", "green gem", List.of(), 50, 1, "The only gem in the keep."));
    LocationDef hall = new LocationDef(HALL, "keep", "the great hall", "Banners hang from the rafters.",
        Map.of(
            Direction.NORTH, new ExitDef(Direction.NORTH, YARD, null, null, 1),
            Direction.EAST, new ExitDef(Direction.EAST, YARD, "Rubble blocks the east door.", null, 1),
            Direction.WEST, new ExitDef(Direction.WEST, YARD, null, "The west door is locked.", 1),
            Direction.UP, new ExitDef(Direction.UP, TOWER, null, null, 4)),
        Map.of("pebble", 30, "coin", 12, "sword", 4, "boulder", 1, "gem", 1));
    LocationDef yard = new LocationDef(YARD, "keep", "the yard", "Mud and straw.",
        Map.of(Direction.SOUTH, new ExitDef(Direction.SOUTH, HALL, null, null, 1)), Map.of());
    LocationDef tower = new LocationDef(TOWER, "tower", "the tower top", "Wind.",
        Map.of(Direction.DOWN, new ExitDef(Direction.DOWN, HALL, null, null, 4)), Map.of());
    return new World("keep", "The Keep", HALL, new PlayerDefaults(3, 10_000, 50, 10, 10, 0, 0, 0),
        Map.of("keep", new ZoneDef("keep", "The Keep", ""), "tower", new ZoneDef("tower", "The Tower", "")),
        Map.of(HALL, hall, YARD, yard, TOWER, tower), items);
  }

  /** Settings for tests: small windows and a short ask timeout so failures show quickly. */
  public static EntitySettings settings() {
    return new EntitySettings(5, 2, 50, 4, Duration.ofSeconds(3), 16);
  }
}
