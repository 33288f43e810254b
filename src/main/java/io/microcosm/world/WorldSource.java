package io.microcosm.world;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where world data files are read from: the classpath (shipped worlds) or a directory (a designer's). */
public interface WorldSource {

  /** The text of a file, by its path relative to the world's root, if it exists. */
  Optional<String> read(String relativePath);

  /** How to name that file in error messages. */
  String describe(String relativePath);

  static WorldSource classpath(String worldName) {
    String root = "worlds/" + worldName + "/";
    return new WorldSource() {
      @Override
      public Optional<String> read(String relativePath) {
        try (InputStream in = WorldSource.class.getClassLoader().getResourceAsStream(root + relativePath)) {
          return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + root + relativePath, e);
        }
      }

      @Override
      public String describe(String relativePath) {
        return root + relativePath;
      }
    };
  }

  static WorldSource directory(Path dir) {
    return new WorldSource() {
      @Override
      public Optional<String> read(String relativePath) {
        Path file = dir.resolve(relativePath);
        if (!Files.isRegularFile(file)) {
          return Optional.empty();
        }
        try {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + file, e);
        }
      }

      @Override
      public String describe(String relativePath) {
        return dir.resolve(relativePath).toString();
      }
    };
  }
}
