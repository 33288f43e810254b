package io.microcosm.bench;

import io.microcosm.npc.DayCycle;
import io.microcosm.npc.NpcMind;
import io.microcosm.npc.ValeSimulation;
import io.microcosm.world.NpcDef;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of ticking NPC minds: the Vale's people copied to N NPCs, every one of them stepped
 * once per world tick (perceive, decide, act against a stand-in for the locations), as a zone does
 * for its residents. Prints the duration of a whole world tick (p50/p99) and the heap after.
 *
 * <p>Run it on the test classpath (see the README's benchmark section). Arguments: NPC counts (default 1000 10000);
 * {@code -Dticks=N} world ticks measured per count (default 720, after a warm-up of as many).
 */
public final class NpcTickBenchmark {

  public static void main(String[] args) {
    int[] counts = args.length == 0 ? new int[] {1_000, 10_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    int ticks = Integer.getInteger("ticks", 720);
    World vale = WorldLoader.load("vale");
    System.out.printf("NPC tick benchmark: %d measured ticks per run after %d warm-up ticks; machine shared, figures indicative%n",
        ticks, ticks);
    // the JIT needs a while on two cores: one unrecorded pass first
    ValeSimulation warmUp = new ValeSimulation(withNpcs(vale, 2_000), new NpcMind.Settings(new DayCycle(1440), 200, 40, 2880));
    warmUp.run(1, 2 * ticks);
    for (int n : counts) {
      World world = withNpcs(vale, n);
      ValeSimulation sim = new ValeSimulation(world, new NpcMind.Settings(new DayCycle(1440), 200, 40, 2880));
      long t = 1;
      for (int i = 0; i < ticks; i++, t++) {
        sim.run(t, t);
      }
      long[] nanos = new long[ticks];
      for (int i = 0; i < ticks; i++, t++) {
        long start = System.nanoTime();
        sim.run(t, t);
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
      System.out.printf("%,7d NPCs: world tick p50 %8.2f ms  p99 %8.2f ms  (%.2f µs per NPC at p50)  heap after %,d MB%n",
          n, nanos[ticks / 2] / 1e6, nanos[(int) (ticks * 0.99)] / 1e6, nanos[ticks / 2] / 1e3 / n, heapMb);
    }
  }

  /** The world with its NPCs copied round-robin to {@code n}, each copy an NPC of its own. */
  static World withNpcs(World w, int n) {
    List<NpcDef> people = List.copyOf(w.npcs().values());
    Map<String, NpcDef> npcs = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      NpcDef p = people.get(i % people.size());
      String id = p.zone() + ".npc." + p.id().substring(p.id().lastIndexOf('.') + 1) + "-" + i;
      npcs.put(id, new NpcDef(id, p.zone(), p.name(), p.aliases(), p.role(), p.description(), p.faction(), p.home(),
          p.workplace(), p.haunt(), p.personality(), p.pack(), p.ration(), p.schedule(), Map.of(), p.topics()));
    }
    return new World(w.name(), w.title(), w.start(), w.home(), w.seed(), w.player(), w.zones(), w.locations(), w.items(),
        w.effects(), w.nodes(), w.stations(), w.recipes(), w.creatureKinds(), w.creatures(), npcs, w.factions(), w.lore());
  }
}
