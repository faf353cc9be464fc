package org.yibao.lake.common.dq;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.Yaml;

/**
 * A data-quality rule from {@code conf/expectations/}: a Spark SQL predicate a good row satisfies,
 * what to do with a row that does not, and the reason written next to it.
 */
public record Expectation(String table, String name, String expr, Action action, String reason, int order) {

  public enum Action { WARN, QUARANTINE, FAIL }

  /** The rules for one landing table: {@code _all.yml} first, then {@code <table>.yml}, in file order. */
  public static List<Expectation> load(Path confDir, String table) {
    Path dir = confDir.resolve("expectations");
    List<Expectation> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path f : List.of(dir.resolve("_all.yml"), dir.resolve(table + ".yml"))) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      String where = "conf/expectations/" + f.getFileName();
      for (JsonNode e : Yaml.read(f).path("expectations")) {
        String name = text(e, "name", where);
        if (!names.add(name)) {
          throw new ConfigException(where + ": expectation '" + name + "' defined twice for table " + table);
        }
        Action action;
        try {
          action = Action.valueOf(text(e, "action", where).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
          throw new ConfigException(where + ": expectation '" + name + "' action must be warn, quarantine or fail");
        }
        out.add(new Expectation(table, name, text(e, "expr", where), action, text(e, "reason", where), out.size()));
      }
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode n, String field, String where) {
    if (!n.hasNonNull(field) || n.get(field).asText().isBlank()) {
      throw new ConfigException(where + ": an expectation lacks '" + field + "'");
    }
    return n.get(field).asText();
  }
}
