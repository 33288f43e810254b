package io.microcosm.world;

import java.util.List;

/** World data that cannot be played; lists every problem found, not just the first. */
public final class WorldValidationException extends RuntimeException {

  private final transient List<WorldProblem> problems;

  public WorldValidationException(String world, List<WorldProblem> problems) {
    super(describe(world, problems));
    this.problems = List.copyOf(problems);
  }

  public List<WorldProblem> problems() {
    return problems;
  }

  private static String describe(String world, List<WorldProblem> problems) {
    StringBuilder sb = new StringBuilder("World '").append(world).append("' has ")
        .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
    for (WorldProblem p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
