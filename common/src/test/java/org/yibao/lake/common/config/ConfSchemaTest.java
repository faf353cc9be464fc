package org.yibao.lake.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A typo anywhere in conf/ is one line naming the file, the line and the key — never a rule silently dropped. */
class ConfSchemaTest {
  @TempDir Path tmp;

  static Path repoConf() {
    String dir = System.getProperty("yibao.project.dir");
    return (dir != null ? Path.of(dir) : Path.of("..").toAbsolutePath().normalize()).resolve("conf");
  }

  private Path conf() throws IOException {
    Path to = tmp.resolve("conf");
    try (Stream<Path> s = Files.walk(repoConf())) {
      for (Path p : s.toList()) {
        Path d = to.resolve(repoConf().relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(d);
        } else {
          Files.copy(p, d);
        }
      }
    }
    return to;
  }

  private static int lineOf(Path f, String text) throws IOException {
    var lines = Files.readAllLines(f);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + f);
  }

  private static void edit(Path f, String from, String to) throws IOException {
    String s = Files.readString(f);
    if (!s.contains(from)) {
      throw new AssertionError(from + " not in " + f);
    }
    Files.writeString(f, s.replace(from, to));
  }

  @Test
  void theRepositorysConfPasses() throws IOException {
    ConfSchema.check(conf());
  }

  @Test
  void aMisspelledPrivacyKeyIsNamedWithItsLine() throws IOException {
    Path c = conf();
    Path yml = c.resolve("yibao.yml");
    edit(yml, "  person_level_tables:", "  person_level_table:");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfSchema.check(c));
    assertEquals(yml + ":" + lineOf(yml, "person_level_table:") + ": 'privacy.person_level_table': unknown key; "
        + "valid here: [small_cell_min_persons, person_level_tables, suppressed_columns, sql_access, complementary]", e.getMessage());
  }

  @Test
  void aMisspelledExpectationsFileOrTopLevelKeyFails() throws IOException {
    Path c = conf();
    Files.move(c.resolve("expectations/setl.yml"), c.resolve("expectations/setll.yml"));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfSchema.check(c));
    assertEquals(true, e.getMessage().contains("no landing table 'setll'"), e.getMessage());

    Path c2 = tmp.resolve("c2");
    Files.move(c, c2);
    Files.move(c2.resolve("expectations/setll.yml"), c2.resolve("expectations/setl.yml"));
    Path psn = c2.resolve("expectations/psn.yml");
    edit(psn, "expectations:", "expectation:");
    e = assertThrows(ConfigException.class, () -> ConfSchema.check(c2));
    assertEquals(psn + ":" + lineOf(psn, "expectation:") + ": 'expectation': unknown key; valid here: [expectations]",
        e.getMessage());
  }

  @Test
  void aMisspelledParameterFieldOrAWrongKindFails() throws IOException {
    Path c = conf();
    Path budget = c.resolve("policy/budget.yml");
    edit(budget, "  budget.ceiling.surplus_margin:\n    - {years:", "  budget.ceiling.surplus_margin:\n    - {yeras:");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfSchema.check(c));
    assertEquals(true, e.getMessage().startsWith(budget + ":" + lineOf(budget, "{yeras:")
        + ": 'parameters.budget.ceiling.surplus_margin[0].yeras': unknown key"), e.getMessage());

    Path c2 = tmp.resolve("c2");
    Files.move(c, c2);
    Path b2 = c2.resolve("policy/budget.yml");
    edit(b2, "{yeras:", "{years:");
    Path yml = c2.resolve("yibao.yml");
    edit(yml, "lake: ./lake", "lake: [./lake]");
    e = assertThrows(ConfigException.class, () -> ConfSchema.check(c2));
    assertEquals(yml + ":" + lineOf(yml, "lake: [./lake]") + ": 'lake': a single value is expected here", e.getMessage());
  }
}
