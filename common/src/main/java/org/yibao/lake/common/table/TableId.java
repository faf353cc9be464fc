package org.yibao.lake.common.table;

import java.util.Set;
import org.yibao.lake.common.config.ConfigException;

/** A lake table, {@code layer.name} (CONVENTIONS.md "Layers and names"); stored at {@code <lake>/<layer>/<name>}. */
public record TableId(String layer, String name) implements Comparable<TableId> {
  public static final Set<String> LAYERS = Set.of("ods", "dwd", "dim", "dws", "ads", "dq", "ops");

  public TableId {
    if (!LAYERS.contains(layer)) {
      throw new ConfigException("unknown layer '" + layer + "' (one of " + LAYERS + ")");
    }
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new ConfigException("bad table name '" + name + "'");
    }
  }

  /** Parses {@code ods.setl}. */
  public static TableId parse(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot <= 0) {
      throw new ConfigException("table must be written layer.name, e.g. dwd.setl, not '" + qualified + "'");
    }
    return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  @Override
  public String toString() {
    return layer + "." + name;
  }

  @Override
  public int compareTo(TableId o) {
    return toString().compareTo(o.toString());
  }
}
