package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.settlement.OutpatientCapitation;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;

/**
 * {@code ads.capitation_points}: outpatient capitation by points (门诊按人头付费, 点数法), docs/policy.md §7.2 (outpatient
 * capitation), composed from {@link OutpatientCapitation}, for every pooling region (city) with
 * {@code settlement.capitation.enabled}, per insutype and outpatient scope (general / chronic, settled separately).
 *
 * <p>One table, two row kinds: {@code row_kind = 'region'} ({@code fixmedins_code = '*'}: C, F, share, T,
 * T_local, patients, points, point value, and the sums of its institutions) and {@code 'institution'}
 * (fund, weight, points, special fees, prepaid, deductions, settlement). From {@code dwd.setl} (valid facts of
 * the year, the scope's categories, the region's own insured only: cross-region insured treated here are
 * outside the scheme): F = pooled fund ({@code hifp_pay}) of the region's insured wherever
 * treated; fund_i = their pooled fund at institution i in the region minus i's special fees; patients =
 * distinct persons treated in the region. The cross-region amount (异地就医金额) is from the data: the pooled fund
 * of the region's insured treated outside the region ({@code cross_region_data_amt}); a manual figure overrides it
 * ({@code is_cross_region_manual}) when it lies within 0 … F, else the run stops (exit 2). C, the adjustment and
 * each institution's special fees, prepaid and deductions are manual figures ({@link SettlementInputs}).
 */
public final class CapitationPointsJob implements Job {
  static final String DDL = "settlement_run_id STRING, settle_year INT, admdvs STRING, insutype STRING, scope STRING, "
      + "row_kind STRING, fixmedins_code STRING, control_total_amt DECIMAL(18,2), ffs_fund_amt DECIMAL(18,2), "
      + "adjustment_amt DECIMAL(18,2), fund_share_rate DECIMAL(9,6), share_amt DECIMAL(18,2), "
      + "settlement_total_amt DECIMAL(18,2), cross_region_data_amt DECIMAL(18,2), is_cross_region_manual BOOLEAN, "
      + "cross_region_amt DECIMAL(18,2), special_amt DECIMAL(18,2), "
      + "local_total_amt DECIMAL(18,2), patient_cnt BIGINT, points_per_patient DECIMAL(18,4), "
      + "total_points DECIMAL(18,4), point_value DECIMAL(18,6), fund_amt DECIMAL(18,2), weight_rate DECIMAL(9,6), "
      + "points DECIMAL(18,4), points_amt DECIMAL(18,2), monthly_prepaid_amt DECIMAL(18,2), "
      + "deductions_amt DECIMAL(18,2), settlement_amt DECIMAL(18,2), is_suppressed BOOLEAN";
  static final String REGION = "region";
  static final String INSTITUTION = "institution";
  static final String ALL = "*";
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  private final SettlementInputs inputs;

  public CapitationPointsJob(SettlementInputs inputs) {
    this.inputs = inputs;
  }

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_CAPITATION_POINTS)
        .inputs(Tables.DWD_SETL, Tables.DIM_ADMDVS)
        .grain("settlement_run_id", "admdvs", "insutype", "scope", "row_kind", "fixmedins_code")
        .keyedByRun("settlement_run_id")
        .doc("docs/policy.md §7.2 outpatient capitation by points")
        .build();
  }

  /** The city of a division-code column (PPCCXX → PPCC00, {@code Regions.cityOf}). */
  static Column cityOf(String column) {
    return concat(substring(col(column), 1, 4), lit("00"));
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = Settle.year(ctx);
    Policy p = ctx.policy();
    List<String> cities = new ArrayList<>();
    for (Row r : in.get(Tables.DIM_ADMDVS).filter(col("admdvs_lv").cast("int").equalTo(2)).select("admdvs")
        .orderBy("admdvs").collectAsList()) {
      if (p.bool("settlement.capitation.enabled", year, r.getString(0))) {
        cities.add(r.getString(0));
      }
    }
    if (cities.isEmpty()) {
      return SettlementData.frame(ctx.spark(), DDL, List.of());
    }
    // category → scope, per city (scopes are policy and may differ by region)
    Map<String, Map<String, String>> scopeOf = new HashMap<>();
    for (String city : cities) {
      Map<String, String> m = new HashMap<>();
      p.node("settlement.capitation.scopes", year, city).fields().forEachRemaining(e -> {
        for (JsonNode c : e.getValue()) {
          if (m.put(c.asText(), e.getKey()) != null) {
            throw new ConfigException("settlement.capitation.scopes: category " + c.asText() + " is in two scopes");
          }
        }
      });
      scopeOf.put(city, m);
    }
    Column scope = lit(null).cast("string");
    for (String city : cities) {
      for (Map.Entry<String, String> e : scopeOf.get(city).entrySet()) {
        scope = when(col("region").equalTo(city).and(col("category").equalTo(e.getKey())), lit(e.getValue()))
            .otherwise(scope);
      }
    }
    Dataset<Row> facts = in.get(Tables.DWD_SETL)
        .filter(functions.expr(SetlJob.VALID).and(col("setl_year").equalTo(year)))
        .withColumn("region", cityOf("insuplc_admdvs"))
        .filter(col("region").isin((Object[]) cities.toArray(String[]::new)))
        .withColumn("scope", scope).filter(col("scope").isNotNull())
        .withColumn("is_local", cityOf("mdtrtarea_admdvs").equalTo(col("region")));
    // fund of the region's insured: per local institution, and outside the region under '*'
    List<Row> fund = facts.withColumn("site", when(col("is_local"), col("fixmedins_code")).otherwise(lit(ALL)))
        .groupBy("region", "insutype", "scope", "site").agg(Money.sum("hifp_pay")).collectAsList();
    List<Row> patients = facts.filter(col("is_local")).groupBy("region", "insutype", "scope")
        .agg(functions.countDistinct("psn_no")).collectAsList();

    // region|insutype|scope → site → fund; and → patients
    Map<String, TreeMap<String, BigDecimal>> fundBy = new TreeMap<>();
    fund.forEach(r -> fundBy.computeIfAbsent(key(r.getString(0), r.getString(1), r.getString(2)), k -> new TreeMap<>())
        .put(r.getString(3), r.getDecimal(4)));
    Map<String, Long> patientsBy = new HashMap<>();
    patients.forEach(r -> patientsBy.put(key(r.getString(0), r.getString(1), r.getString(2)), r.getLong(3)));
    TreeSet<String> keys = new TreeSet<>(fundBy.keySet());
    inputs.capitation().stream().filter(c -> cities.contains(c.region()))
        .forEach(c -> keys.add(key(c.region(), c.insutype(), c.scope())));

    List<Row> rows = new ArrayList<>();
    for (String k : keys) {
      String[] parts = k.split("\\|");
      rows.addAll(scope(ctx, year, parts[0], parts[1], parts[2], fundBy.getOrDefault(k, new TreeMap<>()),
          patientsBy.getOrDefault(k, 0L)));
    }
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }

  private static String key(String region, String insutype, String scope) {
    return region + "|" + insutype + "|" + scope;
  }

  /** The rows of one region × insutype × scope: the region, then its institutions by code. */
  private List<Row> scope(JobContext ctx, int year, String region, String insutype, String scope,
      TreeMap<String, BigDecimal> fundBySite, long patients) {
    Policy p = ctx.policy();
    SettlementInputs.Capitation manual = inputs.capitation(region, insutype, scope);
    if (manual.controlTotal() == null) {
      throw new ConfigException(inputs.source() + ": capitation " + region + " " + insutype + " " + scope
          + " has no control_total");
    }
    Map<String, SettlementInputs.InstitutionInput> given = Optional.ofNullable(manual.institutions()).orElse(Map.of());
    TreeSet<String> codes = new TreeSet<>(fundBySite.keySet());
    codes.remove(ALL);
    codes.addAll(given.keySet());
    BigDecimal f = fundBySite.values().stream().reduce(ZERO, BigDecimal::add);
    BigDecimal crossData = fundBySite.getOrDefault(ALL, ZERO);
    boolean crossManual = manual.crossRegion() != null;
    BigDecimal cross = crossManual ? Money.scale(manual.crossRegion()) : crossData;
    if (crossManual && (cross.signum() < 0 || cross.compareTo(f) > 0)) {
      throw new ConfigException(inputs.source() + ": capitation " + region + " " + insutype + " " + scope
          + " cross_region " + cross.toPlainString() + " is outside 0 … F " + f.toPlainString() + " (the data say "
          + crossData.toPlainString() + ")");
    }
    List<OutpatientCapitation.Institution> members = new ArrayList<>();
    BigDecimal special = ZERO;
    for (String code : codes) {
      SettlementInputs.InstitutionInput m = given.getOrDefault(code, new SettlementInputs.InstitutionInput(null, null,
          null));
      BigDecimal spec = orZero(m.special());
      BigDecimal ffs = fundBySite.getOrDefault(code, ZERO).subtract(spec);
      if (ffs.signum() < 0) {
        throw new ConfigException(inputs.source() + ": special fees " + spec.toPlainString() + " of " + code
            + " exceed its pooled fund " + fundBySite.getOrDefault(code, ZERO).toPlainString() + " (" + region + " "
            + insutype + " " + scope + ")");
      }
      special = special.add(spec);
      members.add(new OutpatientCapitation.Institution(code, ffs, spec, orZero(m.monthlyPrepaid()),
          orZero(m.deductions())));
    }
    BigDecimal shareRate = p.decimal("settlement.capitation.fund_share", year, region);
    BigDecimal perPatient = p.decimal("settlement.capitation.points_per_patient", year, region);
    OutpatientCapitation.Region in = new OutpatientCapitation.Region(Money.scale(manual.controlTotal()), f,
        orZero(manual.adjustment()), shareRate, cross, special, patients, perPatient);
    OutpatientCapitation.Result res = OutpatientCapitation.of(in, members);
    var reg = res.region();
    String run = ctx.runId();
    List<Row> out = new ArrayList<>();
    BigDecimal prepaid = members.stream().map(OutpatientCapitation.Institution::monthlyPrepaid).reduce(ZERO,
        BigDecimal::add);
    BigDecimal deductions = members.stream().map(OutpatientCapitation.Institution::deductions).reduce(ZERO,
        BigDecimal::add);
    BigDecimal pointsAmt = res.institutions().stream().map(OutpatientCapitation.InstitutionResult::pointsAmt)
        .reduce(ZERO, BigDecimal::add);
    BigDecimal settled = res.institutions().stream().map(OutpatientCapitation.InstitutionResult::settlementAmt)
        .reduce(ZERO, BigDecimal::add);
    out.add(RowFactory.create(run, year, region, insutype, scope, REGION, ALL, in.controlTotal(), f,
        in.adjustment(), Money.rate(shareRate), reg.shareAmt(), reg.settlementTotalAmt(), crossData, crossManual,
        in.crossRegion(), special,
        reg.localTotalAmt(), patients, perPatient.setScale(4), reg.totalPoints().setScale(4), reg.pointValue(),
        Money.scale(reg.fundTotal()), null, null, pointsAmt, prepaid, deductions, settled,
        patients < ctx.settings().smallCellMinPersons()));
    for (OutpatientCapitation.InstitutionResult i : res.institutions()) {
      BigDecimal ffs = members.stream().filter(m -> m.code().equals(i.code())).findFirst().orElseThrow().fund();
      out.add(RowFactory.create(run, year, region, insutype, scope, INSTITUTION, i.code(), null, null, null, null,
          null, null, null, null, null, i.special(), null, null, null, null, reg.pointValue(), ffs, i.weight(),
          i.points(),
          i.pointsAmt(), i.monthlyPrepaid(), i.deductions(), i.settlementAmt(), false));
    }
    return out;
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null ? ZERO : Money.scale(v);
  }
}
