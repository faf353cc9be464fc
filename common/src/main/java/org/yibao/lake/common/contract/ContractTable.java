package org.yibao.lake.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.Yaml;
import org.yibao.lake.common.money.Money;

/**
 * One landing table of conf/contract, read from {@code conf/contract/<table>.yml}: key, typed
 * columns, money columns, PII handling and ingest order.
 */
public record ContractTable(
    String name, String zh, int loadOrder, List<String> key, Map<String, ColumnType> columns, List<String> money,
    Map<String, PiiAction> pii) {

  /** Contract types: {@code str}, {@code date} (YYYY-MM-DD), {@code ts}, {@code dec} (yuan), {@code int}. */
  public enum ColumnType {
    STR(DataTypes.StringType), DATE(DataTypes.DateType), TS(DataTypes.TimestampType), DEC(Money.TYPE),
    INT(DataTypes.IntegerType);

    public final DataType sparkType;

    ColumnType(DataType t) {
      this.sparkType = t;
    }

    public String code() {
      return name().toLowerCase();
    }
  }

  /** {@code hash}: replaced by a keyed hash in {@code <column>_hash}; {@code drop}: never stored. */
  public enum PiiAction { HASH, DROP }

  public static Map<String, ContractTable> loadAll(Path confDir) {
    Path dir = confDir.resolve("contract");
    Map<String, ContractTable> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(p -> p.toString().endsWith(".yml")).map(ContractTable::load)
          .sorted((a, b) -> Integer.compare(a.loadOrder(), b.loadOrder()))
          .forEach(t -> out.put(t.name(), t));
    } catch (IOException e) {
      throw new ConfigException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new ConfigException("no landing tables defined in " + dir);
    }
    return out;
  }

  static ContractTable load(Path file) {
    JsonNode n = Yaml.read(file);
    String where = "conf/contract/" + file.getFileName();
    String name = req(n, "table", where).asText();
    Map<String, ColumnType> cols = new LinkedHashMap<>();
    req(n, "columns", where).fields().forEachRemaining(c -> {
      try {
        cols.put(c.getKey(), ColumnType.valueOf(c.getValue().asText().toUpperCase()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": column " + c.getKey() + " has unknown type " + c.getValue());
      }
    });
    List<String> key = strings(req(n, "key", where));
    List<String> money = strings(n.path("money"));
    for (String k : concat(key, money)) {
      if (!cols.containsKey(k)) {
        throw new ConfigException(where + ": key or money column " + k + " is not a column");
      }
    }
    for (String m : money) {
      if (cols.get(m) != ColumnType.DEC) {
        throw new ConfigException(where + ": money column " + m + " must be of type dec");
      }
    }
    Map<String, PiiAction> pii = new LinkedHashMap<>();
    n.path("pii").fields().forEachRemaining(p -> {
      if (!cols.containsKey(p.getKey())) {
        throw new ConfigException(where + ": PII column " + p.getKey() + " is not a column");
      }
      pii.put(p.getKey(), PiiAction.valueOf(p.getValue().asText().toUpperCase()));
    });
    return new ContractTable(name, n.path("zh").asText(name), n.path("load_order").asInt(1000), key, cols, money, pii);
  }

  /** The headline money column reconciled per batch, or null for tables without money. */
  public String headlineMoney() {
    return money.isEmpty() ? null : money.get(0);
  }

  private static JsonNode req(JsonNode n, String field, String where) {
    if (!n.hasNonNull(field)) {
      throw new ConfigException(where + ": missing '" + field + "'");
    }
    return n.get(field);
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(x -> out.add(x.asText()));
    return List.copyOf(out);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

}
