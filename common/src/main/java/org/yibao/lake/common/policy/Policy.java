package org.yibao.lake.common.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.Yaml;

/**
 * Effective-dated policy parameters from {@code conf/policy/*.yml} (docs/policy.md, "Rules for implementers").
 *
 * <p>Every weight, rate, threshold and window the jobs use is looked up here for the year and the
 * region it applies to; a missing parameter is a {@link ConfigException} naming the key. The most
 * specific region wins (county &gt; city &gt; province &gt; {@code *}). Each lookup is recorded so a
 * run can publish every parameter it used with its source.
 */
public final class Policy {

  /** One entry of a parameter: its value for a span of years and a region, and the policy text it comes from. */
  public record Entry(String key, Years years, String region, JsonNode value, String doc, String source) {}

  /** A resolved lookup: what a run used. */
  public record Used(String key, int year, String region, String value, String doc, String source) {}

  private final Map<String, List<Entry>> entries;
  private final String version;
  private final Map<String, Used> used = Collections.synchronizedMap(new LinkedHashMap<>());

  private Policy(Map<String, List<Entry>> entries, String version) {
    this.entries = entries;
    this.version = version;
  }

  /** Loads every {@code *.yml} under {@code confDir/policy}. */
  public static Policy load(Path confDir) {
    Path dir = confDir.resolve("policy");
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("policy folder not found: " + dir);
    }
    Map<String, List<Entry>> all = new TreeMap<>();
    MessageDigest sha = sha256();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        sha.update(Files.readAllBytes(f));
        JsonNode params = Yaml.read(f).path("parameters");
        String source = "conf/policy/" + f.getFileName();
        params.fields().forEachRemaining(p -> {
          if (!p.getValue().isArray()) {
            throw new ConfigException(source + ": parameter '" + p.getKey() + "' must be a list of {years, region, value, doc}");
          }
          for (JsonNode e : p.getValue()) {
            if (!e.has("value") || !e.has("years")) {
              throw new ConfigException(source + ": parameter '" + p.getKey() + "' has an entry without 'years' or 'value'");
            }
            if (all.containsKey(p.getKey()) && all.get(p.getKey()).stream().noneMatch(x -> x.source().equals(source))) {
              throw new ConfigException("parameter '" + p.getKey() + "' is defined in two files: "
                  + all.get(p.getKey()).get(0).source() + " and " + source);
            }
            all.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(new Entry(p.getKey(),
                Years.parse(e.get("years").asText(), source + " " + p.getKey()),
                e.path("region").asText("*"), e.get("value"), e.path("doc").asText(""), source));
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Policy policy = new Policy(all, HexFormat.of().formatHex(sha.digest()).substring(0, 12));
    // a scorecard naming an indicator, level or manual item nothing provides is a config error (docs/policy.md §8)
    org.yibao.lake.common.policy.settlement.PerformanceScore.checkScorecards(policy, confDir);
    return policy;
  }

  /** Every configured entry of a key (all years and regions), empty when none. */
  public List<Entry> entries(String key) {
    return entries.getOrDefault(key, List.of());
  }

  /**
   * A copy where {@code key=value} pairs (the CLI's {@code --set}) replace the configured value for
   * every year and region; the version changes with them.
   */
  public Policy withOverrides(Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return this;
    }
    Map<String, List<Entry>> copy = new TreeMap<>(entries);
    MessageDigest sha = sha256();
    sha.update(version.getBytes(StandardCharsets.UTF_8));
    overrides.forEach((k, v) -> {
      if (!entries.containsKey(k)) {
        throw new ConfigException("--set " + k + ": no such policy parameter in conf/policy/");
      }
      JsonNode value;
      try {
        value = Yaml.MAPPER.readTree(v);
      } catch (IOException e) {
        value = TextNode.valueOf(v);
      }
      copy.put(k, List.of(new Entry(k, Years.parse("0-", k), "*", value, "command-line override", "--set")));
      sha.update((k + "=" + v).getBytes(StandardCharsets.UTF_8));
    });
    return new Policy(copy, HexFormat.of().formatHex(sha.digest()).substring(0, 12));
  }

  /**
   * The same parameters with an empty trace: a budget or settlement run starts from this so that
   * {@link #used()} lists exactly what that run looked up.
   */
  public Policy freshTrace() {
    return new Policy(entries, version);
  }

  /** A short hash of every policy file (and override): the policy version an output row carries. */
  public String version() {
    return version;
  }

  public boolean has(String key, int year, String region) {
    return find(key, year, region) != null;
  }

  /** The value of {@code key} for {@code year} and {@code region} (null or "*" for the province-wide value). */
  public JsonNode node(String key, int year, String region) {
    Entry e = find(key, year, region);
    if (e == null) {
      throw new ConfigException("missing policy parameter '" + key + "' for year " + year
          + (region == null || region.equals("*") ? "" : " and region " + region)
          + " (add it to a file in conf/policy/)");
    }
    used.putIfAbsent(key + "|" + year + "|" + region,
        new Used(key, year, region == null ? "*" : region, e.value().toString(), e.doc(), e.source()));
    return e.value();
  }

  public BigDecimal decimal(String key, int year, String region) {
    JsonNode n = node(key, year, region);
    if (!n.isNumber() && !n.isTextual()) {
      throw new ConfigException("policy parameter '" + key + "' must be a number, is " + n);
    }
    try {
      return new BigDecimal(n.asText());
    } catch (NumberFormatException ex) {
      throw new ConfigException("policy parameter '" + key + "' must be a number, is " + n);
    }
  }

  public int integer(String key, int year, String region) {
    JsonNode n = node(key, year, region);
    if (!n.canConvertToInt()) {
      throw new ConfigException("policy parameter '" + key + "' must be an integer, is " + n);
    }
    return n.asInt();
  }

  public boolean bool(String key, int year, String region) {
    JsonNode n = node(key, year, region);
    if (!n.isBoolean()) {
      throw new ConfigException("policy parameter '" + key + "' must be true or false, is " + n);
    }
    return n.asBoolean();
  }

  public String string(String key, int year, String region) {
    return node(key, year, region).asText();
  }

  public List<BigDecimal> decimals(String key, int year, String region) {
    JsonNode n = node(key, year, region);
    if (!n.isArray()) {
      throw new ConfigException("policy parameter '" + key + "' must be a list of numbers, is " + n);
    }
    List<BigDecimal> out = new ArrayList<>();
    n.forEach(x -> out.add(new BigDecimal(x.asText())));
    return List.copyOf(out);
  }

  public <T> T value(String key, int year, String region, Class<T> type) {
    JsonNode n = node(key, year, region);
    try {
      return Yaml.MAPPER.treeToValue(n, type);
    } catch (IOException e) {
      throw new ConfigException("policy parameter '" + key + "' does not fit " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Every lookup made so far, in order: what a run records as its parameters. */
  public List<Used> used() {
    synchronized (used) {
      return List.copyOf(used.values());
    }
  }

  private Entry find(String key, int year, String region) {
    List<Entry> list = entries.get(key);
    if (list == null) {
      return null;
    }
    Entry best = null;
    int bestRank = -1;
    for (Entry e : list) {
      int rank = Regions.matchRank(e.region(), region);
      if (rank < 0 || !e.years().contains(year)) {
        continue;
      }
      if (rank == bestRank) {
        throw new ConfigException("policy parameter '" + key + "' has two entries for year " + year
            + " and region " + e.region() + " in " + e.source());
      }
      if (rank > bestRank) {
        best = e;
        bestRank = rank;
      }
    }
    return best;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
