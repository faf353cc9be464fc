package org.yibao.lake.jobs.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.indicator.IndicatorRule;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;
import org.yibao.lake.jobs.flow.PeriodColumns;
import org.yibao.lake.jobs.flow.RegionColumns;

/**
 * {@code ads.indicator}: the monitoring indicators of docs/policy.md §9 (监测指标) in long format, by month and
 * year, for the province, each city, county, county medical community and institution, per insutype and
 * for all. Each row carries numerator, denominator, value, the threshold and direction from
 * {@code conf/policy/indicators.yml} ({@code indicator.<id>}, looked up for the period's year and the
 * entity's region), whether it is broken, the policy document, and {@code is_suppressed} when the cell
 * describes fewer persons than {@code privacy.small_cell_min_persons} (the figures stay in the table so
 * totals add up; exports and reports hide them). Contributions are built by {@link IndicatorFacts}.
 */
public final class IndicatorJob implements Job {
  /** The budget's bed-day agreement; the adopted run's rows are used when present (docs/policy.md §3). */
  public static final TableId BED_DAY_AGREEMENT = new TableId("ads", "bed_day_agreement");
  static final String[] GRAIN = {"indicator_id", "period_type", "period", "level", "entity_id", "insutype"};
  private static final org.apache.spark.sql.types.DecimalType VALUE = DataTypes.createDecimalType(18, 6);

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_INDICATOR)
        .inputs(Tables.DWD_SETL, Tables.DWS_INSURED_PERSON_YEAR, Tables.DIM_ADMDVS, Tables.DIM_MEDINS,
            Tables.DIM_MEDCOMMUNITY, Tables.DWD_INSU, Tables.DWD_FD_SIGN, Tables.DWD_CHRONIC_REG)
        .optionalInputs(BED_DAY_AGREEMENT, Tables.ADS_BUDGET_RUN)
        .grain(GRAIN).period("period", JobSpec.PeriodKind.CALENDAR)
        .doc("docs/policy.md §9; GD-2019 附件1 三 and 附件2, JX-2026 二(五)").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    // every fact branch reads the same few frames: materialise each once for the job (Delta scan, file
    // filtering and the medins join happen once, not once per branch); the blocks go with the frames
    Dataset<Row> medins = local(in.get(Tables.DIM_MEDINS));
    Dataset<Row> medcommunity = local(in.get(Tables.DIM_MEDCOMMUNITY));
    Dataset<Row> medinsCommunity = local(RegionColumns.latestMedins(medins).select(col("fixmedins_code"),
        when(col("medcommunity_id").notEqual(""), col("medcommunity_id")).as("medcommunity_id")));
    Dataset<Row> valid = local(in.get(Tables.DWD_SETL).filter(SetlJob.VALID)
        .join(medinsCommunity, seq("fixmedins_code"), "left"));
    Row range = valid.agg(functions.collect_set("setl_year"), functions.max("setl_date")).head();
    Set<Integer> years = new TreeSet<>(range.getList(0));
    if (range.isNullAt(1)) {
      throw new IllegalStateException("dwd.setl holds no valid settlement: no indicator to compute");
    }
    LocalDate lastDataDate = range.getDate(1).toLocalDate();

    IndicatorFacts f = new IndicatorFacts(ctx.policy(), years, lastDataDate, valid, medinsCommunity);
    List<Dataset<Row>> facts = new ArrayList<>();
    facts.addAll(f.settlementRatios());
    facts.addAll(f.costGrowth());
    facts.addAll(f.inCounty(medcommunity));
    facts.addAll(f.admissionRate(in.get(Tables.DWS_INSURED_PERSON_YEAR)));
    facts.addAll(f.readmissions());
    facts.addAll(f.bedDays(medins, adoptedAgreement(in)));
    facts.addAll(f.communityShares(medins, medcommunity));
    facts.addAll(f.signing(local(in.get(Tables.DWD_INSU)), local(in.get(Tables.DWD_FD_SIGN)),
        local(in.get(Tables.DWD_CHRONIC_REG)),
        medcommunity, IndicatorFacts.periodEnds(valid, lastDataDate)));

    // the facts of every indicator computed once (one plan of ~25 branches, executed and kept): the cells of the
    // run's periods and the bases of the changes read it instead of planning and running the branches again
    Dataset<Row> allFacts = local(facts.stream().reduce(Dataset::unionByName).orElseThrow());
    Dataset<Row> present = PeriodColumns.explode(valid.select("setl_date"), col("setl_date"), ctx.period())
        .select("period_type", "period").distinct();
    Dataset<Row> cells = cells(allFacts, ctx).join(present, seq("period_type", "period"), "left_semi");
    Dataset<Row> valued = cells.withColumn("value", value()).filter(col("value").isNotNull());
    // a change needs last year's value even when one period is recomputed: its base is valued over every period.
    // Siphoning (虹吸, docs/policy.md §9): the lead-hospital share of a community and the in-county inpatient rate
    // of a county, each against the same period a year earlier
    Dataset<Row> changes = change(ever(allFacts, IndicatorFacts.LEAD_SHARE, ctx), IndicatorFacts.LEAD_SHARE,
            IndicatorFacts.LEAD_SHARE_CHANGE)
        .unionByName(change(ever(allFacts, IndicatorFacts.IN_COUNTY, ctx).filter(col("level").equalTo("county")),
            IndicatorFacts.IN_COUNTY, IndicatorFacts.IN_COUNTY_CHANGE))
        .filter(PeriodColumns.matches(ctx.period())).join(present, seq("period_type", "period"), "left_semi");
    Dataset<Row> all = valued.unionByName(changes);
    Dataset<Row> ruled = withRules(all, ctx.policy(), years, readmissionIds(ctx.policy(), years),
        in.get(Tables.DIM_ADMDVS), medins, medcommunity);
    // kept once computed: the runner's grain check and the write then read rows, not the plan again
    return local(ruled.select(col("indicator_id"), col("period_type"), col("period"), col("level"), col("entity_id"),
        col("insutype"), Money.publish(col("num")).as("numerator"), Money.publish(col("den")).as("denominator"),
        functions.round(col("value"), 6).cast(VALUE).as("value"), col("threshold"), col("direction"),
        IndicatorRule.isAlert().as("is_alert"),
        col("persons").lt(ctx.settings().smallCellMinPersons()).as("is_suppressed"), col("policy_doc")));
  }

  /** Sums per indicator, period, level, entity and insutype; persons = distinct psn_no + pre-counted. */
  static Dataset<Row> cells(Dataset<Row> facts, JobContext ctx) {
    Column county = col("county");
    Dataset<Row> periods = PeriodColumns.explode(facts, col("fact_date"), ctx.period())
        .filter(col("scope").equalTo(Fact.BOTH).or(col("scope").equalTo(col("period_type"))));
    Dataset<Row> levels = PeriodColumns.withAllInsutypes(periods)
        .withColumn("_l", functions.explode(functions.array(
            level("province", RegionColumns.provinceOf(county)), level("city", RegionColumns.cityOf(county)),
            level("county", county), level("medcommunity", col("medcommunity_id")),
            level("medins", col("fixmedins_code")))))
        .filter(col("_l.entity_id").isNotNull());
    return levels.groupBy(col("indicator_id"), col("period_type"), col("period"), col("_l.level").as("level"),
            col("_l.entity_id").as("entity_id"), col("insutype"))
        .agg(functions.sum("num").as("num"), functions.sum("den").as("den"),
            functions.countDistinct("psn_no").plus(functions.coalesce(functions.sum("psn_cnt"), lit(0L))).as("persons"));
  }

  /**
   * The frame computed once and kept (memory, spilling to disk) while the job's plan refers to it: a local
   * checkpoint, whose blocks Spark drops once the frame is no longer referenced.
   */
  private static Dataset<Row> local(Dataset<Row> df) {
    return df.localCheckpoint(true);
  }

  private static Column level(String name, Column entity) {
    return functions.struct(lit(name).as("level"), entity.as("entity_id"));
  }

  /** The formula of each indicator over its summed numerator and denominator. */
  static Column value() {
    Column id = col("indicator_id");
    Column num = col("num");
    Column den = col("den");
    Column hasDen = den.isNotNull().and(den.notEqual(0));
    return when(id.equalTo(IndicatorFacts.COST_GROWTH), when(hasDen, num.divide(den).minus(1)))
        .when(id.equalTo(IndicatorFacts.TWO_DISEASE_REGISTERED), num)
        .when(id.equalTo(IndicatorFacts.BED_DAYS), when(hasDen, functions.greatest(num.minus(den), lit(0))))
        .otherwise(when(hasDen, num.divide(den)));
  }

  /** The cells of indicator {@code id} among {@code facts}, valued, over every period of the data. */
  private static Dataset<Row> ever(Dataset<Row> facts, String id, JobContext ctx) {
    return cells(facts.filter(col("indicator_id").equalTo(id)), ctx.withPeriod(Period.ALL)).withColumn("value", value());
  }

  /**
   * {@code changeId}: the value of {@code id} minus its value for the same period a year earlier (a difference of
   * rates, in points). No numerator; the denominator is the smaller of the two periods' denominators, the cases the
   * change rests on, so that {@code alert.min_denominator} keeps a change over a handful of cases from alerting;
   * its persons are the fewer of the two periods' (a small cell in either period makes the change one).
   */
  static Dataset<Row> change(Dataset<Row> valued, String id, String changeId) {
    Dataset<Row> cur = valued.filter(col("indicator_id").equalTo(id));
    Column year = functions.substring(col("period"), 1, 4).cast("int");
    Column next = when(col("period_type").equalTo(PeriodColumns.MONTH),
        functions.concat(year.plus(1).cast("string"), functions.substring(col("period"), 5, 3)))
        .otherwise(year.plus(1).cast("string"));
    Dataset<Row> prev = cur.select(col("period_type"), next.as("period"), col("level"), col("entity_id"),
        col("insutype"), col("value").as("_prev"), col("den").as("_prev_den"), col("persons").as("_prev_persons"));
    return cur.join(prev, seq("period_type", "period", "level", "entity_id", "insutype"))
        .withColumn("indicator_id", lit(changeId))
        .withColumn("value", col("value").minus(col("_prev")))
        .withColumn("num", lit(null).cast(Fact.AMOUNT))
        .withColumn("den", functions.least(col("den"), col("_prev_den")).cast(Fact.AMOUNT))
        // small when either period is: the change and this period's value would give last year's hidden value
        .withColumn("persons", functions.least(col("persons"), col("_prev_persons")))
        .drop("_prev", "_prev_den", "_prev_persons")
        .select(valued.columns()[0], java.util.Arrays.copyOfRange(valued.columns(), 1, valued.columns().length));
  }

  static List<String> readmissionIds(Policy policy, Set<Integer> years) {
    Set<String> ids = new TreeSet<>();
    for (int y : years) {
      for (BigDecimal w : policy.decimals("indicator.readmission.windows_days", y, "*")) {
        for (String v : IndicatorFacts.READMISSION_VARIANTS) {
          ids.add(IndicatorFacts.readmissionId(w.intValueExact(), v));
        }
      }
    }
    return List.copyOf(ids);
  }

  /**
   * Direction, threshold and policy document of each row, from {@code indicator.<id>} for the period's
   * year and the entity's region (an institution's or a community's county).
   */
  static Dataset<Row> withRules(Dataset<Row> cells, Policy policy, Set<Integer> years, List<String> readmissionIds,
                                Dataset<Row> admdvs, Dataset<Row> medins, Dataset<Row> medcommunity) {
    List<String> ids = new ArrayList<>(List.of(IndicatorFacts.SELF_PAY, IndicatorFacts.PERSONAL_BURDEN,
        IndicatorFacts.POLICY_SCOPE, IndicatorFacts.COST_GROWTH, IndicatorFacts.PER_CASE_COST,
        IndicatorFacts.LENGTH_OF_STAY, IndicatorFacts.IN_COUNTY, IndicatorFacts.IN_COUNTY_CHANGE,
        IndicatorFacts.ADMISSION, IndicatorFacts.SPECIAL_DRG, IndicatorFacts.SPECIAL_DIP, IndicatorFacts.BED_DAYS, IndicatorFacts.SIGNING,
        IndicatorFacts.TWO_DISEASE_REGISTERED, IndicatorFacts.TWO_DISEASE_SIGNED, IndicatorFacts.LEAD_SHARE,
        IndicatorFacts.LEAD_SHARE_CHANGE, IndicatorFacts.UPWARD_SHARE));
    ids.addAll(readmissionIds);
    List<String> regions = new ArrayList<>(List.of("*"));
    admdvs.select("admdvs").distinct().collectAsList().forEach(r -> regions.add(r.getString(0)));
    List<Row> rules = new ArrayList<>();
    Map<String, String> docs = new HashMap<>();
    for (String id : ids) {
      for (int y : years) {
        for (String region : regions) {
          IndicatorRule rule = policy.value("indicator." + id, y, region, IndicatorRule.class);
          rules.add(RowFactory.create(id, y, region, rule.direction(),
              rule.threshold() == null ? null : rule.threshold().setScale(6, java.math.RoundingMode.HALF_UP)));
        }
      }
    }
    for (Policy.Used u : policy.used()) {
      docs.put(u.key() + "|" + u.year() + "|" + u.region(), u.doc());
    }
    List<Row> withDocs = rules.stream().map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4),
        docs.get("indicator." + r.get(0) + "|" + r.get(1) + "|" + r.get(2)))).toList();
    StructType schema = new StructType().add("indicator_id", DataTypes.StringType).add("_year", DataTypes.IntegerType)
        .add("_region", DataTypes.StringType).add("direction", DataTypes.StringType).add("threshold", VALUE)
        .add("policy_doc", DataTypes.StringType);
    Dataset<Row> ruleFrame = cells.sparkSession().createDataFrame(withDocs, schema);

    Dataset<Row> siteRegion = RegionColumns.latestMedins(medins)
        .select(lit("medins").as("level"), col("fixmedins_code").as("entity_id"), col("admdvs").as("_site"))
        .unionByName(medcommunity.select(lit("medcommunity").as("level"), col("medcommunity_id").as("entity_id"),
            col("admdvs").as("_site")));
    Dataset<Row> known = ruleFrame.select(col("_region").as("_known")).distinct();
    Dataset<Row> located = cells.join(siteRegion, seq("level", "entity_id"), "left")
        .withColumn("_want", functions.coalesce(col("_site"), col("entity_id")))
        .join(known, col("_want").equalTo(col("_known")), "left")
        .withColumn("_region", functions.coalesce(col("_known"), lit("*")))
        .withColumn("_year", functions.substring(col("period"), 1, 4).cast("int"))
        .drop("_site", "_want", "_known");
    return located.join(functions.broadcast(ruleFrame), seq("indicator_id", "_year", "_region"), "left")
        .drop("_year", "_region");
  }

  /** The bed-day agreements of the adopted budget run of each year ({@code budget_year}), or null when none. */
  private static Dataset<Row> adoptedAgreement(Inputs in) {
    if (in.optional(BED_DAY_AGREEMENT).isEmpty() || in.optional(Tables.ADS_BUDGET_RUN).isEmpty()) {
      return null;
    }
    return in.get(BED_DAY_AGREEMENT).join(in.get(Tables.ADS_BUDGET_RUN).filter(col("is_adopted"))
        .select("budget_run_id", "budget_year"), seq("budget_run_id", "budget_year"), "left_semi");
  }

  private static scala.collection.Seq<String> seq(String... names) {
    return org.yibao.lake.common.spark.Cols.seq(names);
  }
}
