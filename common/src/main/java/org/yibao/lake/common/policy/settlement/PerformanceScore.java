package org.yibao.lake.common.policy.settlement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import org.yibao.lake.common.config.ConfigException;

/**
 * Annual performance evaluation (年度绩效评价), POLICY.md §8 (seed 001 附件2, seed 000 §三(七)): a
 * scorecard from config ({@code settlement.score.scorecard}); an indicator item earns its points when the
 * indicator value from {@code ads.indicator} meets the target in the item's direction, else none (a missing
 * value earns none); a manual item earns the score from {@code dwd.manual_score}, kept within 0 and its
 * points. The total is {@code min(Σ items, cap) + bonus}, the bonus ({@code settlement.score.tcm_bonus},
 * +5) when a Chinese-medicine hospital (medins_type {@code tcm}) is a member — so at most cap + bonus.
 */
public final class PerformanceScore {
  private PerformanceScore() {}

  /** One scorecard item as configured. */
  public record Item(String item, String zh, String source, @JsonProperty("indicator_id") String indicatorId,
      String insutype, String direction, BigDecimal target, BigDecimal points) {

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

  /** Points of an indicator item: all when the value meets the target, none otherwise or when missing. */
  public static BigDecimal indicatorPoints(Item item, BigDecimal value) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    int c = value.compareTo(item.target());
    boolean met = "higher".equals(item.direction()) ? c >= 0 : c <= 0;
    return met ? item.points() : BigDecimal.ZERO;
  }

  /** Points of a manual item: the given score within [0, points]; none when not given. */
  public static BigDecimal manualPoints(Item item, BigDecimal score) {
    if (score == null) {
      return BigDecimal.ZERO;
    }
    return score.max(BigDecimal.ZERO).min(item.points());
  }

  /** {@code min(Σ items, cap) + bonus} (bonus only with a Chinese-medicine member). */
  public static BigDecimal total(List<BigDecimal> itemPoints, BigDecimal cap, boolean hasTcmMember, BigDecimal bonus) {
    BigDecimal sum = itemPoints.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.min(cap).add(hasTcmMember ? bonus : BigDecimal.ZERO);
  }
}
