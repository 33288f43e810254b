package io.microcosm.gateway;

import java.util.Optional;

/** Reads a typed line for a character at a location; empty when it means nothing at all. */
@FunctionalInterface
public interface LineReader {

  Optional<LineMeaning> read(String character, String line, String location);
}
