package io.microcosm.language;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.language.Interpretation.Action;
import io.microcosm.language.Interpretation.Option;
import io.microcosm.language.Interpretation.Question;
import io.microcosm.language.Interpretation.Unknown;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the phrasings in {@code language/corpus.tsv} (context key, line, expected reading) through
 * the interpreter and reports how many it reads as expected.
 */
class CorpusTest {

  record Case(int lineNumber, String context, String line, String expected) {}

  @Test
  void readsEveryPhrasingAsExpected() throws IOException {
    List<Case> cases = load();
    DeterministicInterpreter interpreter = new DeterministicInterpreter(ValeContexts.VALE);
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      String actual = render(interpreter.interpret(c.line(), ValeContexts.named(c.context())));
      if (!actual.equals(c.expected())) {
        failures.add(String.format(Locale.ROOT, "  line %d [%s] \"%s\"%n    expected %s%n    got      %s",
            c.lineNumber(), c.context(), c.line(), c.expected(), actual));
      }
    }
    int right = cases.size() - failures.size();
    System.out.printf(Locale.ROOT, "interpreter corpus: %d/%d = %.1f %%%n", right, cases.size(),
        100.0 * right / cases.size());
    failures.forEach(System.out::println);
    assertTrue(cases.size() >= 200, "the corpus should hold at least 200 phrasings, has " + cases.size());
    assertTrue(failures.isEmpty(), failures.size() + " phrasings read wrongly:\n" + String.join("\n", failures));
  }

  /** One line per reading, in the corpus's notation. */
  static String render(Interpretation interpretation) {
    if (interpretation instanceof Action a) {
      return a.summary();
    }
    if (interpretation instanceof Question q) {
      return "QUESTION " + q.options().stream().map(Option::label).collect(Collectors.joining("|"));
    }
    if (interpretation instanceof Unknown u) {
      return u.suggestions().isEmpty() ? "UNKNOWN" : "UNKNOWN suggest=" + String.join(",", u.suggestions());
    }
    return "HELP";
  }

  private static List<Case> load() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = CorpusTest.class.getResourceAsStream("/language/corpus.tsv")) {
      if (in == null) {
        throw new IOException("language/corpus.tsv is not on the test class path");
      }
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].stripTrailing();
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        if (fields.length != 3) {
          throw new IOException("corpus line " + (i + 1) + " needs context, line and expected, tab-separated: " + line);
        }
        cases.add(new Case(i + 1, fields[0], fields[1], fields[2]));
      }
    }
    return cases;
  }
}
