package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DiceTest {

  private static UUID randomId(SplittableRandom rng) {
    return new UUID(rng.nextLong(), rng.nextLong());
  }

  private static long[] rolls(long seed, int n) {
    SplittableRandom rng = Dice.roll(seed);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = rng.nextLong();
    }
    return out;
  }

  @Test
  void anEntitysSeedDependsOnlyOnTheWorldSeedAndItsId() {
    assertEquals(Dice.entitySeed(1729, "vale.wolf.1"), Dice.entitySeed(1729, "vale.wolf.1"));
    assertNotEquals(Dice.entitySeed(1729, "vale.wolf.1"), Dice.entitySeed(1729, "vale.wolf.2"));
    assertNotEquals(Dice.entitySeed(1729, "vale.wolf.1"), Dice.entitySeed(1730, "vale.wolf.1"));
    assertNotEquals(Dice.entitySeed(0, "ab"), Dice.entitySeed(0, "ba"), "the order of the characters matters");
    assertNotEquals(Dice.entitySeed(0, ""), Dice.entitySeed(0, "a"));
  }

  @Test
  void entitySeedsDifferAcrossManyEntities() {
    Set<Long> seeds = new HashSet<>();
    for (String zone : new String[] {"vale", "mines", "forest"}) {
      for (String kind : new String[] {"wolf", "rat", "bat", "boar"}) {
        for (int n = 1; n <= 1_000; n++) {
          assertTrue(seeds.add(Dice.entitySeed(1729, zone + "." + kind + "." + n)), zone + "." + kind + "." + n);
        }
      }
    }
  }

  @Test
  void theSameSeedAndCommandRollTheSame() {
    SplittableRandom ids = new SplittableRandom(111);
    for (int i = 0; i < 10_000; i++) {
      long entity = ids.nextLong();
      UUID command = randomId(ids);
      long seed = Dice.rollSeed(entity, command);
      assertEquals(seed, Dice.rollSeed(entity, new UUID(command.getMostSignificantBits(), command.getLeastSignificantBits())));
      assertEquals(Arrays.toString(rolls(seed, 8)), Arrays.toString(rolls(seed, 8)), "rolls of " + command);
    }
  }

  @Test
  void aRollIsTheGeneratorOfItsSeed() {
    SplittableRandom a = Dice.roll(42);
    SplittableRandom b = new SplittableRandom(42);
    for (int i = 0; i < 100; i++) {
      assertEquals(b.nextInt(), a.nextInt());
    }
  }

  @Test
  void differentCommandsRollDifferently() {
    SplittableRandom ids = new SplittableRandom(112);
    long entity = Dice.entitySeed(1729, "player.alice");
    Set<Long> seeds = new HashSet<>();
    Set<Long> firstRolls = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      long seed = Dice.rollSeed(entity, randomId(ids));
      assertTrue(seeds.add(seed), "two commands share the seed " + seed);
      firstRolls.add(Dice.roll(seed).nextLong());
    }
    assertEquals(10_000, firstRolls.size(), "each command's first roll differs");
  }

  @Test
  void theSameCommandRollsDifferentlyForDifferentEntities() {
    UUID command = UUID.fromString("00000000-0000-4000-8000-000000000001");
    assertNotEquals(Dice.rollSeed(Dice.entitySeed(0, "vale.wolf.1"), command), Dice.rollSeed(Dice.entitySeed(0, "vale.wolf.2"), command));
  }

  @Test
  void everyBitOfTheCommandIdMatters() {
    UUID base = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
    long entity = 99;
    Set<Long> seeds = new HashSet<>();
    seeds.add(Dice.rollSeed(entity, base));
    for (int bit = 0; bit < 64; bit++) {
      UUID highFlipped = new UUID(base.getMostSignificantBits() ^ (1L << bit), base.getLeastSignificantBits());
      UUID lowFlipped = new UUID(base.getMostSignificantBits(), base.getLeastSignificantBits() ^ (1L << bit));
      assertTrue(seeds.add(Dice.rollSeed(entity, highFlipped)), "high bit " + bit);
      assertTrue(seeds.add(Dice.rollSeed(entity, lowFlipped)), "low bit " + bit);
    }
  }

  @Test
  void swappingTheHalvesOfACommandIdChangesTheRoll() {
    SplittableRandom ids = new SplittableRandom(113);
    for (int i = 0; i < 1_000; i++) {
      UUID id = randomId(ids);
      UUID swapped = new UUID(id.getLeastSignificantBits(), id.getMostSignificantBits());
      assertNotEquals(Dice.rollSeed(7, id), Dice.rollSeed(7, swapped), id.toString());
    }
  }

  @Test
  void chanceAtTheEdgesIsCertain() {
    SplittableRandom rng = new SplittableRandom(114);
    for (int i = 0; i < 1_000; i++) {
      assertFalse(Dice.chance(rng, 0));
      assertFalse(Dice.chance(rng, -5));
      assertTrue(Dice.chance(rng, 100));
      assertTrue(Dice.chance(rng, 250));
    }
  }

  @Test
  void certainChancesDrawNothing() {
    SplittableRandom used = new SplittableRandom(115);
    SplittableRandom fresh = new SplittableRandom(115);
    Dice.chance(used, 0);
    Dice.chance(used, 100);
    assertEquals(fresh.nextLong(), used.nextLong(), "0 % and 100 % leave the generator where it was");
  }

  @Test
  void chanceComesUpAsOftenAsItsPercent() {
    for (int percent : new int[] {1, 5, 37, 50, 95, 99}) {
      SplittableRandom rng = new SplittableRandom(116 + percent);
      int yes = 0;
      int n = 100_000;
      for (int i = 0; i < n; i++) {
        yes += Dice.chance(rng, percent) ? 1 : 0;
      }
      assertEquals(percent, 100.0 * yes / n, 0.7, percent + " %");
    }
  }
}
