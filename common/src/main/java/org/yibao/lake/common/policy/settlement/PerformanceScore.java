package org.yibao.lake.common.policy.settlement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import org.yibao.lake.common.config.ConfigException;

/**
 * Annual performance evaluation (年度绩效评价), docs/policy.md §8 (GD-2019 附件2, GY-2025 三(七)): a
 * scorecard from config ({@code settlement.score.scorecard}); an indicator item earns its points when the
 * indicator value from {@code ads.indicator} meets the target in the item's direction, else none (a missing
 * value is "missing": null points, never 0); a manual item earns the score from {@code dwd.manual_score}, kept
 * within 0 and its points (never entered: missing). {@link #checkScorecards} refuses, when the config is
 * loaded, a scorecard naming an indicator, level or manual item that nothing provides (docs/policy.md §8). The total is {@code min(Σ items, cap) + bonus}, the bonus ({@code settlement.score.tcm_bonus},
 * +5) when a Chinese-medicine hospital (medins_type {@code tcm}) is a member — so at most cap + bonus.
 */
public final class PerformanceScore {
  private PerformanceScore() {}

  /** The scorecard's key. */
  public static final String SCORECARD = "settlement.score.scorecard";
  /** Level a scorecard indicator is read at when the item names none. */
  public static final String DEFAULT_LEVEL = "settlement.score.indicator_level";
  /** The declared catalog of the indicator job: indicator id → levels it is published at. */
  public static final String PUBLISHED = "indicator.published_levels";
  /** The list in conf/codes.yml of the items the manual-score source ({@code manual_score}) provides. */
  public static final String MANUAL_ITEMS = "manual_score_item";
  /** Status of an item: scored, or missing (no indicator value / no manual score entered). */
  public static final String SCORED = "scored";
  public static final String MISSING = "missing";

  /**
   * One scorecard item as configured; {@code level} (optional) is the {@code ads.indicator} level its value is
   * read at for a community: {@code medcommunity} (the community itself), {@code county} (its county's
   * insured), {@code city}, {@code province}; absent: {@code settlement.score.indicator_level}.
   */
  public record Item(String item, String zh, String source, @JsonProperty("indicator_id") String indicatorId,
      String level, String insutype, String direction, BigDecimal target, BigDecimal points) {

    public boolean isManual() {
      return "manual".equals(source);
    }

    public void validate() {
      if (item == null || points == null || points.signum() < 0) {
        throw new ConfigException("settlement.score.scorecard: every item needs an id and points >= 0: " + this);
      }
      if (!isManual()) {
        if (!"indicator".equals(source) || indicatorId == null || target == null
            || !("higher".equals(direction) || "lower".equals(direction))) {
          throw new ConfigException("settlement.score.scorecard item " + item
              + ": source must be manual, or indicator with indicator_id, target and direction higher|lower");
        }
      }
    }
  }

  /**
   * Every scorecard entry names only indicators and levels the indicator job publishes
   * ({@code indicator.published_levels}) and manual items the manual-score source provides
   * ({@code manual_score_item} in conf/codes.yml); else a {@link ConfigException} naming the key and item.
   * Nothing to check when no scorecard is configured.
   */
  public static void checkScorecards(org.yibao.lake.common.policy.Policy p, java.nio.file.Path confDir) {
    List<org.yibao.lake.common.policy.Policy.Entry> cards = p.entries(SCORECARD);
    if (cards.isEmpty()) {
      return;
    }
    java.util.Map<String, java.util.Set<String>> published = new java.util.TreeMap<>();
    p.entries(PUBLISHED).forEach(e -> e.value().fields().forEachRemaining(f -> f.getValue()
        .forEach(l -> published.computeIfAbsent(f.getKey(), k -> new java.util.TreeSet<>()).add(l.asText()))));
    java.util.Set<String> defaultLevels = new java.util.TreeSet<>();
    p.entries(DEFAULT_LEVEL).forEach(e -> defaultLevels.add(e.value().asText()));
    java.util.Set<String> manual = new java.util.TreeSet<>();
    java.nio.file.Path codes = confDir.resolve("codes.yml");
    if (java.nio.file.Files.isRegularFile(codes)) {
      org.yibao.lake.common.config.Yaml.read(codes).path(MANUAL_ITEMS).fieldNames().forEachRemaining(manual::add);
    }
    for (org.yibao.lake.common.policy.Policy.Entry e : cards) {
      String where = SCORECARD + " (" + e.source() + ", years " + e.years() + ", region " + e.region() + ")";
      for (com.fasterxml.jackson.databind.JsonNode n : e.value()) {
        Item it;
        try {
          it = org.yibao.lake.common.config.Yaml.MAPPER.treeToValue(n, Item.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException x) {
          throw new ConfigException(where + ": item " + n + " does not fit a scorecard item: " + x.getMessage());
        }
        it.validate();
        if (it.isManual()) {
          if (!manual.contains(it.item())) {
            throw new ConfigException(where + ": manual item '" + it.item() + "' is provided by no source: the "
                + "manual-score items are " + manual + " (" + MANUAL_ITEMS + " in conf/codes.yml)");
          }
          continue;
        }
        java.util.Set<String> levels = published.get(it.indicatorId());
        if (levels == null) {
          throw new ConfigException(where + ": item '" + it.item() + "' names indicator_id '" + it.indicatorId()
              + "', which the indicator job does not publish (" + PUBLISHED + " in conf/policy/indicators.yml)");
        }
        for (String level : it.level() != null ? java.util.Set.of(it.level()) : defaultLevels) {
          if (!levels.contains(level)) {
            throw new ConfigException(where + ": item '" + it.item() + "' reads indicator '" + it.indicatorId()
                + "' at level '" + level + "', which the indicator job publishes only at " + levels);
          }
        }
      }
    }
  }

  /** Points of an indicator item: all when the value meets the target, none otherwise; null when missing. */
  public static BigDecimal indicatorPoints(Item item, BigDecimal value) {
    if (value == null) {
      return null;
    }
    int c = value.compareTo(item.target());
    boolean met = "higher".equals(item.direction()) ? c >= 0 : c <= 0;
    return met ? item.points() : BigDecimal.ZERO;
  }

  /** Points of a manual item: the given score within [0, points]; null (missing, never 0) when not entered. */
  public static BigDecimal manualPoints(Item item, BigDecimal score) {
    if (score == null) {
      return null;
    }
    return score.max(BigDecimal.ZERO).min(item.points());
  }

  /**
   * {@code min(Σ items, cap) + bonus} (bonus only with a Chinese-medicine member); a missing item (null)
   * earns nothing toward the total and stays visible as missing on its row.
   */
  public static BigDecimal total(List<BigDecimal> itemPoints, BigDecimal cap, boolean hasTcmMember, BigDecimal bonus) {
    BigDecimal sum = itemPoints.stream().filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.min(cap).add(hasTcmMember ? bonus : BigDecimal.ZERO);
  }
}
