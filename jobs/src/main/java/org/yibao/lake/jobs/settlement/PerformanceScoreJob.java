package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.settlement.PerformanceScore;
import org.yibao.lake.common.policy.settlement.PerformanceScore.Item;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.performance_score}: the annual performance evaluation (年度绩效评价) of each medical
 * community, docs/policy.md §8 ({@link PerformanceScore}): one row per scorecard item of
 * {@code settlement.score.scorecard}, with the indicator value (from {@code ads.indicator}, year, level
 * the item's {@code level}, default {@code settlement.score.indicator_level}: a community's own value, or its
 * county's for {@code county}) or the manual score (from {@code dwd.manual_score}), the points — null with
 * {@code status = missing} when there is no value or no score was entered, never 0 (docs/policy.md §8) — and on
 * every row the community's item total, number of missing items, Chinese-medicine bonus and total score.
 * Communities whose scheme starts after the year are not scored; membership is that of the year.
 */
public final class PerformanceScoreJob implements Job {
  static final String DDL = "settlement_run_id STRING, score_year INT, medcommunity_id STRING, admdvs STRING, "
      + "item STRING, item_zh STRING, source STRING, indicator_id STRING, direction STRING, target DECIMAL(18,6), "
      + "indicator_value DECIMAL(18,6), manual_score DECIMAL(9,2), max_points DECIMAL(9,2), points DECIMAL(9,2), "
      + "is_missing BOOLEAN, items_points DECIMAL(9,2), has_tcm_member BOOLEAN, tcm_bonus_points DECIMAL(9,2), "
      + "total_score DECIMAL(9,2), level STRING, entity_id STRING, status STRING, missing_cnt INT";

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_PERFORMANCE_SCORE)
        .inputs(Tables.DIM_MEDCOMMUNITY, Tables.DIM_MEDINS)
        .optionalInputs(Tables.DWD_MANUAL_SCORE, Tables.ADS_INDICATOR)
        .grain("settlement_run_id", "medcommunity_id", "item").keyedByRun("settlement_run_id")
        .doc("docs/policy.md §8; GD-2019 附件2, GY-2025 三(七)").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = Settle.year(ctx);
    Policy p = ctx.policy();
    // membership and the TCM bonus dated to the year scored; communities not yet in the scheme are not scored
    var communities = SettlementData.inScheme(in.get(Tables.DIM_MEDCOMMUNITY),
        SettlementData.institutions(in.get(Tables.DIM_MEDINS), year), year);
    Map<String, BigDecimal> manual = new HashMap<>();
    in.optional(Tables.DWD_MANUAL_SCORE).ifPresent(df -> df.filter(col("year").equalTo(year))
        .select("medcommunity_id", "item", "score").collectAsList()
        .forEach(r -> manual.put(r.getString(0) + "|" + r.getString(1), r.getDecimal(2))));
    Map<String, Map<String, BigDecimal>> byLevel = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (SettlementData.Community c : communities) {
      String r = c.admdvs();
      Item[] card = p.value(PerformanceScore.SCORECARD, year, r, Item[].class);
      String defaultLevel = p.string(PerformanceScore.DEFAULT_LEVEL, year, r);
      Set<String> tcmTypes = new HashSet<>();
      p.node("settlement.score.tcm_medins_types", year, r).forEach(t -> tcmTypes.add(t.asText()));
      boolean tcm = c.hasMemberOfType(tcmTypes);
      BigDecimal bonus = p.decimal("settlement.score.tcm_bonus", year, r);
      BigDecimal cap = p.decimal("settlement.score.cap", year, r);
      List<BigDecimal> points = new ArrayList<>();
      List<Object[]> itemRows = new ArrayList<>();
      for (Item it : card) {
        it.validate();
        String level = it.isManual() ? null : it.level() != null ? it.level() : defaultLevel;
        String entity = it.isManual() ? c.id() : entityAt(level, c);
        Map<String, BigDecimal> values = it.isManual() ? Map.of()
            : byLevel.computeIfAbsent(level, l -> indicatorValues(in, year, l));
        BigDecimal value = it.isManual() ? null : values.get(entity + "|" + it.indicatorId() + "|" + it.insutype());
        BigDecimal score = it.isManual() ? manual.get(c.id() + "|" + it.item()) : null;
        BigDecimal pts = it.isManual() ? PerformanceScore.manualPoints(it, score) : PerformanceScore.indicatorPoints(it, value);
        points.add(pts);
        itemRows.add(new Object[] {it.item(), it.zh(), it.source(), it.indicatorId(), it.direction(),
            it.target() == null ? null : it.target().setScale(6), value, score == null ? null : score.setScale(2),
            it.points().setScale(2), pts == null ? null : pts.setScale(2), pts == null, level, entity});
      }
      BigDecimal items = points.stream().filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
      int missing = (int) points.stream().filter(java.util.Objects::isNull).count();
      BigDecimal total = PerformanceScore.total(points, cap, tcm, bonus);
      for (Object[] ir : itemRows) {
        boolean isMissing = (Boolean) ir[10];
        rows.add(RowFactory.create(ctx.runId(), year, c.id(), r, ir[0], ir[1], ir[2], ir[3], ir[4], ir[5], ir[6], ir[7],
            ir[8], ir[9], isMissing, items.setScale(2), tcm, (tcm ? bonus : BigDecimal.ZERO).setScale(2),
            total.setScale(2), ir[11], ir[12], isMissing ? PerformanceScore.MISSING : PerformanceScore.SCORED, missing));
      }
    }
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }

  /** The {@code ads.indicator} entity a community's value is read at: itself, its county, city or province. */
  static String entityAt(String level, SettlementData.Community c) {
    return switch (level) {
      case "medcommunity" -> c.id();
      case "county" -> c.admdvs();
      case "city" -> org.yibao.lake.common.policy.Regions.cityOf(c.admdvs());
      case "province" -> org.yibao.lake.common.policy.Regions.provinceOf(c.admdvs());
      default -> throw new org.yibao.lake.common.config.ConfigException(PerformanceScore.SCORECARD
          + ": level must be medcommunity, county, city or province, not '" + level + "'");
    };
  }

  /** entity_id|indicator_id|insutype → yearly value at a level, from {@code ads.indicator} when it exists. */
  private static Map<String, BigDecimal> indicatorValues(Inputs in, int year, String level) {
    Map<String, BigDecimal> out = new HashMap<>();
    in.optional(Tables.ADS_INDICATOR).ifPresent(df -> df
        .filter(col("period_type").equalTo("year").and(col("period").cast("string").equalTo(String.valueOf(year)))
            .and(col("level").equalTo(level)))
        .select(col("entity_id"), col("indicator_id"), col("insutype"), col("value").cast("decimal(18,6)"))
        .collectAsList()
        .forEach(r -> out.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2),
            r.isNullAt(3) ? null : r.getDecimal(3))));
    return out;
  }
}
