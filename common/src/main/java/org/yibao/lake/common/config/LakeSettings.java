package org.yibao.lake.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runtime settings of one CLI invocation, validated before any SparkSession starts.
 *
 * <p>One precedence, documented in conf/README.md: built-in defaults &lt; {@code conf/yibao.yml}
 * &lt; environment ({@code YIBAO_LAKE}, {@code YIBAO_PII_KEY}) &lt; command line. Secrets are masked
 * in {@link #toString()}.
 */
public record LakeSettings(
    String lake,
    Path confDir,
    String master,
    Map<String, String> sparkConf,
    String landingEncoding,
    Map<String, String> landingEncodings,
    Map<String, Map<String, String>> columnMap,
    int smallCellMinPersons,
    List<String> personLevelTables,
    Map<String, List<String>> suppressedColumns,
    Optional<String> piiKey) {

  public static final String ENV_LAKE = "YIBAO_LAKE";
  public static final String ENV_PII_KEY = "YIBAO_PII_KEY";

  /** Command-line values; null where the user gave none. */
  public record Overrides(String lake, Path confDir, String master) {}

  public static LakeSettings load(Overrides cli, Map<String, String> env) {
    Path conf = cli.confDir() != null ? cli.confDir() : Path.of("conf");
    if (!Files.isDirectory(conf)) {
      throw new ConfigException("configuration folder not found: " + conf.toAbsolutePath()
          + " (give --conf DIR or run from the repository root)");
    }
    // every conf file's keys first: a typo fails here with file, line and key instead of dropping a rule
    ConfSchema.check(conf);
    JsonNode file = Yaml.read(conf.resolve("yibao.yml"));

    String lake = firstNonBlank(cli.lake(), env.get(ENV_LAKE), text(file, "lake"), "./lake");
    String master = firstNonBlank(cli.master(), text(file, "master"), "local[*]");

    Map<String, String> spark = new TreeMap<>();
    file.path("spark").fields().forEachRemaining(e -> spark.put(e.getKey(), e.getValue().asText()));

    JsonNode landing = file.path("landing");
    String encoding = firstNonBlank(text(landing, "encoding"), "UTF-8");
    Map<String, String> encodings = new TreeMap<>();
    landing.path("encodings").fields().forEachRemaining(e -> encodings.put(e.getKey(), e.getValue().asText()));
    Map<String, Map<String, String>> columnMap = new TreeMap<>();
    landing.path("column_map").fields().forEachRemaining(t -> {
      Map<String, String> m = new LinkedHashMap<>();
      t.getValue().fields().forEachRemaining(c -> m.put(c.getKey(), c.getValue().asText()));
      columnMap.put(t.getKey(), m);
    });
    for (String enc : encodings.values()) {
      checkCharset(enc);
    }
    checkCharset(encoding);

    int minPersons = file.path("privacy").path("small_cell_min_persons").asInt(10);
    if (minPersons < 1) {
      throw new ConfigException("privacy.small_cell_min_persons must be >= 1 in " + conf.resolve("yibao.yml"));
    }
    sqlAccess(file, conf);
    String key = env.get(ENV_PII_KEY);
    return new LakeSettings(lake, conf, master, Map.copyOf(spark), encoding, Map.copyOf(encodings),
        Map.copyOf(columnMap), minPersons, strings(file.path("privacy").path("person_level_tables")),
        suppressed(file.path("privacy").path("suppressed_columns")), Optional.ofNullable(key).filter(k -> !k.isBlank()));
  }

  /**
   * {@code privacy.sql_access}: {@code operator} (default) lets {@code yibao sql} read every table, person-level
   * rows included (pseudonymised); {@code analyst} shows it only the tables {@code export} may export.
   */
  public boolean sqlAnalystMode() {
    return sqlAccess(Yaml.read(confDir.resolve("yibao.yml")), confDir).equals("analyst");
  }

  private static String sqlAccess(JsonNode file, Path conf) {
    String v = file.path("privacy").path("sql_access").asText("operator");
    if (!v.equals("operator") && !v.equals("analyst")) {
      throw new ConfigException("privacy.sql_access must be operator or analyst, not '" + v + "' in "
          + conf.resolve("yibao.yml"));
    }
    return v;
  }

  /** True when {@code table} (layer.name) is person-level: exports refuse it. */
  public boolean isPersonLevel(String table) {
    for (String p : personLevelTables) {
      if (p.equals(table) || (p.endsWith(".*") && table.startsWith(p.substring(0, p.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** {@code privacy.suppressed_columns}: a list for every table, or a map table → list with {@code "*"} for every table. */
  private static Map<String, List<String>> suppressed(JsonNode node) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (node.isArray()) {
      out.put("*", strings(node));
    } else {
      node.fields().forEachRemaining(e -> out.put(e.getKey(), strings(e.getValue())));
    }
    return Map.copyOf(out);
  }

  /**
   * The columns (names or {@code *} globs) emptied in exports and reports where a row of {@code table}
   * (layer.name) is a suppressed small cell: those for every table and those of this table.
   */
  public List<String> suppressedColumnsFor(String table) {
    List<String> out = new ArrayList<>(suppressedColumns.getOrDefault("*", List.of()));
    out.addAll(suppressedColumns.getOrDefault(table, List.of()));
    return List.copyOf(out);
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(x -> out.add(x.asText()));
    return List.copyOf(out);
  }

  /** The keyed-hash secret; ingest cannot run without it. */
  public String requirePiiKey() {
    String key = piiKey.orElseThrow(() -> new ConfigException(
        "environment variable " + ENV_PII_KEY + " is not set: it is the key that pseudonymises certno at ingest"));
    if (key.length() < 16) {
      throw new ConfigException("environment variable " + ENV_PII_KEY + " must hold at least 16 characters");
    }
    return key;
  }

  public String encodingFor(String table) {
    return landingEncodings.getOrDefault(table, landingEncoding);
  }

  @Override
  public String toString() {
    return "LakeSettings[lake=" + lake + ", conf=" + confDir + ", master=" + master + ", spark=" + sparkConf
        + ", encoding=" + landingEncoding + ", encodings=" + landingEncodings + ", smallCellMinPersons="
        + smallCellMinPersons + ", piiKey=" + (piiKey.isPresent() ? "****" : "unset") + "]";
  }

  private static void checkCharset(String name) {
    try {
      java.nio.charset.Charset.forName(name);
    } catch (RuntimeException e) {
      throw new ConfigException("unknown landing encoding '" + name + "' in conf/yibao.yml");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
