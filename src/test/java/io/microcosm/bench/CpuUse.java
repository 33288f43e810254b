package io.microcosm.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU used while a workload was measured, by this process and by the whole machine. On a small
 * shared machine another process's load lowers the figures; this shows when that happened, and CPU
 * per command stays comparable when throughput does not.
 *
 * @param processCores average cores this JVM kept busy
 * @param machineCores average cores busy on the machine, this JVM included (NaN if unknown)
 */
record CpuUse(double processCores, double machineCores) {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Started at the beginning of a measurement. */
  static final class Meter {
    private final long processCpuNanos = OS.getProcessCpuTime();
    private final long wallNanos = System.nanoTime();

    CpuUse stop() {
      double wall = System.nanoTime() - wallNanos;
      double machineLoad = OS.getCpuLoad();
      int cores = Runtime.getRuntime().availableProcessors();
      return new CpuUse((OS.getProcessCpuTime() - processCpuNanos) / wall,
          machineLoad < 0 ? Double.NaN : machineLoad * cores);
    }
  }

  static Meter start() {
    // The machine-wide figure is computed between two calls, so this call opens the interval.
    OS.getCpuLoad();
    return new Meter();
  }
}
