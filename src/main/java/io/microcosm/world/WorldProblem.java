package io.microcosm.world;

/**
 * One thing wrong with world data, located precisely enough to fix it.
 *
 * @param file the data file, e.g. {@code worlds/vale/zones/vale.json}
 * @param entry the entry in that file, e.g. {@code location 'vale.square'}, or null for the file itself
 * @param field the field within the entry, e.g. {@code exits.north}, or null
 */
public record WorldProblem(String file, String entry, String field, String message) {

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file).append(": ");
    if (entry != null) {
      sb.append(entry);
      if (field != null) {
        sb.append(", field '").append(field).append('\'');
      }
      sb.append(": ");
    } else if (field != null) {
      sb.append("field '").append(field).append("': ");
    }
    return sb.append(message).toString();
  }
}
