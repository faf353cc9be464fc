package org.yibao.lake.common.pii;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.Yaml;

/**
 * Small-cell suppression at the edge (conf/contract, PII): where a published row is flagged
 * {@code is_suppressed}, the configured value columns are emptied in every export and report.
 *
 * <p>Complementary suppression: a hidden cell could be recomputed as its group's total minus its visible
 * siblings when it is the only hidden cell of the group. For each configured grouping of a table
 * ({@code privacy.complementary} in {@code conf/yibao.yml}: the row key, the groupings whose rows add up to a
 * published total, and the measure), every group with exactly one hidden row and another row also hides its
 * visible row of the smallest measure (ties: the first by key); hiding a row for one grouping may leave a single
 * hidden row in another, so the rounds repeat until no group has a lone hidden row.
 */
public final class SmallCells {
  private SmallCells() {}

  /** One table's complementary-suppression setting: row key, groupings of siblings, measure to pick the second. */
  public record Complement(List<String> key, List<List<String>> groups, String by) {}

  /** {@code suppressedColumns}: names or globs ({@code *_cnt}); see {@code privacy.suppressed_columns}. */
  public static Dataset<Row> hide(Dataset<Row> df, List<String> suppressedColumns) {
    if (!List.of(df.columns()).contains("is_suppressed")) {
      return df;
    }
    Dataset<Row> out = df;
    for (String c : df.columns()) {
      if (!c.equals("is_suppressed") && suppressedColumns.stream().anyMatch(p -> matches(p, c))) {
        out = out.withColumn(c, functions.when(functions.col("is_suppressed"), functions.lit(null))
            .otherwise(functions.col(c)));
      }
    }
    return out;
  }

  /** Complementary suppression (when configured for the table), then {@link #hide}. */
  public static Dataset<Row> hide(Dataset<Row> df, List<String> suppressedColumns, Complement complement) {
    return hide(complement == null ? df : complement(df, complement), suppressedColumns);
  }

  /**
   * Sets {@code is_suppressed} on the rows complementary suppression adds. The rows' keys, groups and measure are
   * collected to the driver (published tables are aggregates), decided by {@link #complement(boolean[], double[],
   * List)} and marked back by key.
   */
  public static Dataset<Row> complement(Dataset<Row> df, Complement c) {
    List<String> cols = List.of(df.columns());
    if (!cols.contains("is_suppressed")) {
      return df;
    }
    Set<String> needed = new HashSet<>(c.key());
    c.groups().forEach(needed::addAll);
    needed.add(c.by());
    for (String n : needed) {
      if (!cols.contains(n)) {
        throw new ConfigException("privacy.complementary names column " + n + ", not a column of the table");
      }
    }
    Column key = keyOf(c.key());
    List<Column> select = new ArrayList<>();
    select.add(key.as("_k"));
    select.add(functions.coalesce(functions.col("is_suppressed"), functions.lit(false)).as("_h"));
    select.add(functions.col(c.by()).cast("double").as("_m"));
    for (int g = 0; g < c.groups().size(); g++) {
      select.add(keyOf(c.groups().get(g)).as("_g" + g));
    }
    List<Row> rows = df.select(select.toArray(Column[]::new)).orderBy("_k").collectAsList();
    boolean[] hidden = new boolean[rows.size()];
    double[] measure = new double[rows.size()];
    List<List<String>> groups = new ArrayList<>();
    for (int g = 0; g < c.groups().size(); g++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      hidden[i] = r.getBoolean(1);
      measure[i] = r.isNullAt(2) ? 0 : r.getDouble(2);
      for (int g = 0; g < c.groups().size(); g++) {
        groups.get(g).add(r.getString(3 + g));
      }
    }
    boolean[] out = complement(hidden, measure, groups);
    List<String> added = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      if (out[i] && !hidden[i]) {
        added.add(rows.get(i).getString(0));
      }
    }
    if (added.isEmpty()) {
      return df;
    }
    return df.withColumn("is_suppressed", functions.coalesce(functions.col("is_suppressed"), functions.lit(false))
        .or(key.isin(added.toArray())));
  }

  private static Column keyOf(List<String> columns) {
    // \u0001 between parts and for null: a code never holds it
    return functions.concat_ws("\u0001", columns.stream()
        .map(k -> functions.coalesce(functions.col(k).cast("string"), functions.lit("\u0002")))
        .toArray(Column[]::new));
  }

  /**
   * The rows hidden after complementary suppression, given the primary ones: {@code groups.get(g).get(i)} is
   * row i's group under grouping g. A group whose hidden rows are exactly one, among two or more rows, also hides
   * its visible row of the smallest measure (the first such row on ties); repeated over all groupings until stable.
   */
  public static boolean[] complement(boolean[] primary, double[] measure, List<List<String>> groups) {
    boolean[] hidden = primary.clone();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (List<String> grouping : groups) {
        Map<String, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < hidden.length; i++) {
          members.computeIfAbsent(grouping.get(i), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> m : members.values()) {
          long h = m.stream().filter(i -> hidden[i]).count();
          if (h != 1 || m.size() < 2) {
            continue;
          }
          int pick = -1;
          for (int i : m) {
            if (!hidden[i] && (pick < 0 || measure[i] < measure[pick])) {
              pick = i;
            }
          }
          hidden[pick] = true;
          changed = true;
        }
      }
    }
    return hidden;
  }

  /** The {@code privacy.complementary} setting of {@code table} in {@code conf/yibao.yml}, or null. */
  public static Complement complementFor(Path confDir, String table) {
    Path f = confDir.resolve("yibao.yml");
    if (!Files.isRegularFile(f)) {
      return null;
    }
    JsonNode n = Yaml.read(f).path("privacy").path("complementary").path(table);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    List<List<String>> groups = new ArrayList<>();
    n.path("groups").forEach(g -> groups.add(strings(g)));
    if (strings(n.path("key")).isEmpty() || groups.isEmpty() || n.path("by").asText("").isEmpty()) {
      throw new ConfigException("privacy.complementary." + table + " needs key, groups and by");
    }
    return new Complement(strings(n.path("key")), groups, n.path("by").asText());
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(x -> out.add(x.asText()));
    return out;
  }

  static boolean matches(String pattern, String column) {
    if (!pattern.contains("*")) {
      return pattern.equals(column);
    }
    String regex = Arrays.stream(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
        .collect(java.util.stream.Collectors.joining(".*"));
    return column.matches(regex);
  }
}
