package io.microcosm.bench;

/** Numbers from a benchmark's command line, refused with the flag's name when they are not numbers or out of range. */
final class BenchArgs {

  private BenchArgs() {}

  static int intAtLeast(String flag, String value, int min) {
    long n = longValue(flag, value);
    if (n < min || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(flag + " must be a whole number >= " + min + ", not '" + value + "'");
    }
    return (int) n;
  }

  static long longValue(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, not '" + value + "'");
    }
  }
}
