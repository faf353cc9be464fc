package org.yibao.lake.jobs.budget;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.Regions;
import org.yibao.lake.common.policy.budget.TwoDiseaseCapitation;
import org.yibao.lake.common.policy.budget.WeightedBaseline;
import org.yibao.lake.common.spark.Cols;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;

/**
 * {@code ads.budget_two_disease}: two-disease outpatient capitation (两病门诊按人头付费) of every
 * medical community × insutype, docs/policy.md §5 (JX-2026 二(二)6). A two-disease patient (两病患者)
 * is a person registered for hypertension or diabetes or both: one patient, counted once, whose
 * outpatient settlements count once. Employee (310) and resident (390) funds are accounted separately
 * (单独核算, JX-2026 二(一)1), so every figure is per insutype. The per-capita standard of the
 * community's city and insutype is the §1 weighted mean of the yearly outpatient pooled-fund expenditure
 * per registered patient (Y-3..Y-1, patients placed in a city and insutype by their insurance that year,
 * a settlement counted under its own insutype); the package is the standard × the patients registered and
 * signed with a member institution on 31 December of Y-1, less those patients' outpatient fund spending
 * outside the members while signed in Y-1.
 */
public final class BudgetTwoDiseaseJob implements Job {

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_BUDGET_TWO_DISEASE)
        .inputs(Tables.DWD_SETL, Tables.DWD_CHRONIC_REG, Tables.DWD_FD_SIGN, Tables.DWD_INSU, Tables.DIM_MEDINS,
            Tables.DIM_MEDCOMMUNITY)
        .grain("budget_run_id", "medcommunity_id", "insutype").keyedByRun("budget_run_id")
        .doc("docs/policy.md §5; JX-2026 二(二)6, §二(一)1").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = BudgetInputs.year(ctx);
    Policy policy = ctx.policy();
    List<String> types = texts(policy, "budget.two_disease.dise_types", year);
    String group = String.join("+", types);
    List<String> categories = texts(policy, "budget.two_disease.categories", year);
    Dataset<Row> years = ctx.spark().range(year - 3, year).select(col("id").cast(DataTypes.IntegerType).as("y"));
    // money: a closed year's late reversal counts in the year it landed (SetlJob.MONEY)
    Dataset<Row> outpatient = in.get(Tables.DWD_SETL).filter(SetlJob.MONEY)
        .filter(col("category").isin(categories.toArray()))
        .select("setl_id", "psn_no", "insutype", "setl_year", "setl_date", "fixmedins_code", "hifp_pay");

    // registered patients per year (one row per person, whatever the number of diseases), placed in a
    // city and insutype by their insurance that year
    Dataset<Row> reg = in.get(Tables.DWD_CHRONIC_REG).filter(col("dise_type").isin(types.toArray()))
        .select("psn_no", "begndate", "enddate");
    Dataset<Row> regYear = reg.crossJoin(years).filter(overlapsYear()).select("psn_no", "y").distinct();
    Dataset<Row> insuYear = in.get(Tables.DWD_INSU).crossJoin(years).filter(overlapsYear())
        .select(col("psn_no"), col("y"), col("insutype"),
            functions.concat(col("insuplc_admdvs").substr(1, 4), lit("00")).as("city"))
        .groupBy("psn_no", "y", "insutype").agg(functions.min("city").as("city"));
    Dataset<Row> patients = regYear.join(insuYear, Cols.seq("psn_no", "y"));
    Map<String, long[]> patientCnt = new TreeMap<>();
    for (Row r : patients.groupBy("city", "insutype", "y").agg(functions.countDistinct("psn_no")).collectAsList()) {
      patientCnt.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new long[3])[r.getInt(2) - (year - 3)] =
          r.getLong(3);
    }
    // a settlement counts once, under its own insutype, when it falls in a registration spell
    Map<String, BigDecimal[]> spend = new TreeMap<>();
    Column inSpell = col("setl_date").geq(col("begndate"))
        .and(col("enddate").isNull().or(col("setl_date").leq(col("enddate"))));
    Dataset<Row> registeredSetl = outpatient.withColumnRenamed("setl_year", "y").join(reg, Cols.seq("psn_no"))
        .filter(inSpell).dropDuplicates("setl_id");
    for (Row r : registeredSetl.join(patients.select("psn_no", "y", "insutype", "city"),
            Cols.seq("psn_no", "y", "insutype"))
        .groupBy("city", "insutype", "y").agg(Money.sum("hifp_pay")).collectAsList()) {
      spend.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new BigDecimal[3])[r.getInt(2) - (year - 3)] =
          r.getDecimal(3);
    }

    // signed managed patients on 31 December of Y-1 (once each) and their spending outside the members
    Date ref = Date.valueOf(LocalDate.of(year - 1, 12, 31));
    Dataset<Row> members = MedinsMembership.validBetween(in, ref.toLocalDate(), ref.toLocalDate())
        .filter(col("medcommunity_id").isNotNull().and(col("medcommunity_id").notEqual("")))
        .select("fixmedins_code", "medcommunity_id").distinct();
    Dataset<Row> insuOnRef = in.get(Tables.DWD_INSU).filter(activeOn(ref)).select("psn_no", "insutype").distinct();
    Dataset<Row> signed = in.get(Tables.DWD_FD_SIGN).filter(activeOn(ref))
        .join(members, Cols.seq("fixmedins_code"))
        .join(reg.filter(activeOn(ref)).select("psn_no").distinct(), Cols.seq("psn_no"))
        .join(insuOnRef, Cols.seq("psn_no"))
        .groupBy("psn_no", "insutype", "medcommunity_id").agg(functions.min("begndate").as("sign_begndate"));
    Map<String, Long> signedCnt = new TreeMap<>();
    for (Row r : signed.groupBy("medcommunity_id", "insutype").count().collectAsList()) {
      signedCnt.put(r.getString(0) + "|" + r.getString(1), r.getLong(2));
    }
    Map<String, BigDecimal> outside = new TreeMap<>();
    Dataset<Row> atMember = members.withColumnRenamed("medcommunity_id", "setl_community");
    for (Row r : outpatient.filter(col("setl_year").equalTo(year - 1)).join(signed, Cols.seq("psn_no", "insutype"))
        .filter(col("setl_date").geq(col("sign_begndate")))
        .join(atMember, Cols.seq("fixmedins_code"), "left")
        .filter(col("setl_community").isNull().or(col("setl_community").notEqual(col("medcommunity_id"))))
        .groupBy("medcommunity_id", "insutype").agg(Money.sum("hifp_pay")).collectAsList()) {
      outside.put(r.getString(0) + "|" + r.getString(1), r.getDecimal(2));
    }

    // a year is history only when the lake holds settlements in it (§1): registered patients of a year
    // before the data began have no known spending, not zero spending
    java.util.Set<Integer> dataYears = new java.util.HashSet<>();
    in.get(Tables.DWD_SETL).filter(col("setl_year").between(year - 3, year - 1)).select("setl_year").distinct()
        .collectAsList().forEach(r -> dataYears.add(r.getInt(0)));

    RowTable out = schema();
    int minPersons = ctx.settings().smallCellMinPersons();
    java.util.SortedSet<String> insutypes = new java.util.TreeSet<>();
    patientCnt.keySet().forEach(k -> insutypes.add(k.substring(k.indexOf('|') + 1)));
    signedCnt.keySet().forEach(k -> insutypes.add(k.substring(k.indexOf('|') + 1)));
    for (Row c : in.get(Tables.DIM_MEDCOMMUNITY).select("medcommunity_id", "admdvs").orderBy("medcommunity_id")
        .collectAsList()) {
      String city = Regions.cityOf(c.getString(1));
      for (String insutype : insutypes) {
        long[] n = patientCnt.getOrDefault(city + "|" + insutype, new long[3]);
        BigDecimal[] e = spend.getOrDefault(city + "|" + insutype, new BigDecimal[3]);
        List<BigDecimal> perPatient = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          perPatient.add(n[i] == 0 || !dataYears.contains(year - 3 + i) ? null
              : TwoDiseaseCapitation.perPatient(e[i] == null ? BigDecimal.ZERO : e[i], n[i]));
        }
        WeightedBaseline.Result standard = WeightedBaseline.of(BudgetInputs.weights(policy, year, city), perPatient);
        String key = c.getString(0) + "|" + insutype;
        long signedPatients = signedCnt.getOrDefault(key, 0L);
        BigDecimal outsideAmt = outside.getOrDefault(key, BigDecimal.ZERO.setScale(2));
        BigDecimal gross = standard.baseline() == null ? null
            : TwoDiseaseCapitation.grossPackage(standard.baseline(), signedPatients);
        out.add(ctx.runId(), year, c.getString(0), c.getString(1), city, insutype, group, n[0], n[1], n[2],
            perPatient.get(0), perPatient.get(1), perPatient.get(2), standard.weights().get(0),
            standard.weights().get(1), standard.weights().get(2), standard.historyYears(), standard.baseline(),
            signedPatients, gross, outsideAmt, gross == null ? null : TwoDiseaseCapitation.netPackage(gross, outsideAmt),
            signedPatients > 0 && signedPatients < minPersons);
      }
    }
    return out.frame(ctx.spark());
  }

  private static Column overlapsYear() {
    return col("begndate").leq(functions.make_date(col("y"), lit(12), lit(31)))
        .and(col("enddate").isNull().or(col("enddate").geq(functions.make_date(col("y"), lit(1), lit(1)))));
  }

  private static Column activeOn(Date day) {
    return col("begndate").leq(lit(day)).and(col("enddate").isNull().or(col("enddate").geq(lit(day))));
  }

  private static List<String> texts(Policy policy, String key, int year) {
    List<String> out = new ArrayList<>();
    policy.node(key, year, "*").forEach(n -> out.add(n.asText()));
    return out;
  }

  private static RowTable schema() {
    return new RowTable().str("budget_run_id").integer("budget_year").str("medcommunity_id").str("admdvs")
        .str("city").str("insutype").str("dise_type").count("patient_y3_cnt").count("patient_y2_cnt").count("patient_y1_cnt")
        .money("per_capita_y3_amt").money("per_capita_y2_amt").money("per_capita_y1_amt").rate("w1").rate("w2")
        .rate("w3").integer("history_years").money("standard_amt").count("signed_patient_cnt")
        .money("gross_package_amt").money("outside_member_amt").money("package_amt").bool("is_suppressed");
  }
}
