package org.yibao.lake.jobs.refresh;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.contract.ContractTable;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.spark.Cols;
import org.yibao.lake.common.table.Tables;

/**
 * The months whose monthly and yearly figures newly ingested table-batches can change (what the nightly
 * refresh recomputes, docs/monitoring.md "Nightly refresh"):
 * <ul>
 *   <li>{@code setl}: the settlement month of every version of each settlement the batches carry, and of
 *       the settlements they reverse; widened back by the longest readmission window plus the settlement
 *       lag (a new stay can make an earlier discharge an index stay with a readmission) and forward by twelve months (growth on
 *       the same period last year reads it as the base).</li>
 *   <li>{@code insu}, {@code chronic_reg}, {@code fd_sign}: every month covered by any version of a
 *       touched spell (an open spell runs to the last settlement date), and twelve months later.</li>
 *   <li>{@code psn}: the months of the touched persons' enrollment spells and settlements.</li>
 *   <li>Reference tables ({@code admdvs}, {@code medcommunity}, {@code medins}, {@code fund_revenue},
 *       {@code manual_score}) re-map every period: everything is recomputed.</li>
 * </ul>
 * Months are clipped to the span of the settlement data; a table-batch with no accepted row touches nothing.
 */
public final class TouchedPeriods {
  static final Set<String> SPELL_TABLES = Set.of("insu", "chronic_reg", "fd_sign");
  static final Set<String> PERSON_TABLES = Set.of("psn");

  private final Lake lake;
  private final Policy policy;
  private final Map<String, ContractTable> contract;

  public TouchedPeriods(Lake lake, Policy policy, Map<String, ContractTable> contract) {
    this.lake = lake;
    this.policy = policy;
    this.contract = contract;
  }

  /** A table-batch of {@code ops.batch}. */
  public record BatchRef(String table, String batch) {}

  /** The touched months, or empty when everything must be recomputed. */
  public Optional<Set<YearMonth>> of(Collection<BatchRef> batches) {
    if (!lake.exists(Tables.DWD_SETL)) {
      return Optional.empty();
    }
    Row span = lake.read(Tables.DWD_SETL).agg(functions.min("setl_date"), functions.max("setl_date")).head();
    if (span.isNullAt(0)) {
      return Optional.empty();
    }
    LocalDate first = span.getDate(0).toLocalDate();
    LocalDate last = span.getDate(1).toLocalDate();
    Set<YearMonth> touched = new TreeSet<>();
    for (String table : batches.stream().map(BatchRef::table).distinct().toList()) {
      List<String> ids = batches.stream().filter(b -> b.table().equals(table)).map(BatchRef::batch).toList();
      if (table.equals("setl")) {
        touched.addAll(widened(settlementMonths(ids)));
      } else if (SPELL_TABLES.contains(table)) {
        touched.addAll(plusYear(spellMonths(table, ids, last)));
      } else if (PERSON_TABLES.contains(table)) {
        touched.addAll(plusYear(personMonths(ids, last)));
      } else {
        return Optional.empty();
      }
    }
    YearMonth lo = YearMonth.from(first);
    YearMonth hi = YearMonth.from(last);
    touched.removeIf(m -> m.isBefore(lo) || m.isAfter(hi));
    return Optional.of(touched);
  }

  private Dataset<Row> newRows(String table, List<String> batches) {
    return lake.read(Tables.ods(table)).filter(col("_batch").isin(batches.toArray()));
  }

  /** Months of every version of the batches' settlements and of the settlements they reverse. */
  private Set<YearMonth> settlementMonths(List<String> batches) {
    Dataset<Row> ods = lake.read(Tables.ods("setl"));
    Dataset<Row> fresh = newRows("setl", batches);
    Dataset<Row> keys = fresh.select(col("setl_id"))
        .unionByName(fresh.filter(col("orig_setl_id").isNotNull()).select(col("orig_setl_id").as("setl_id")))
        .distinct();
    return months(ods.join(keys, Cols.seq("setl_id"), "left_semi")
        .select(functions.date_format(col("setl_time"), "yyyy-MM").as("m")));
  }

  /** Months covered by any version of a touched spell (open spells run to the last settlement date). */
  private Set<YearMonth> spellMonths(String table, List<String> batches, LocalDate last) {
    List<String> key = contract.get(table).key();
    Dataset<Row> keys = newRows(table, batches).select(key.stream().map(functions::col).toArray(Column[]::new))
        .distinct();
    Dataset<Row> versions = lake.read(Tables.ods(table)).join(keys, Cols.seq(
        key.toArray(String[]::new)), "left_semi");
    return spanMonths(versions, last);
  }

  /** Months of the touched persons' current enrollment spells and of their settlements. */
  private Set<YearMonth> personMonths(List<String> batches, LocalDate last) {
    Dataset<Row> persons = newRows("psn", batches).select("psn_no").distinct();
    Set<YearMonth> out = new TreeSet<>();
    if (lake.exists(Tables.DWD_INSU)) {
      out.addAll(spanMonths(lake.read(Tables.DWD_INSU).join(persons, Cols.seq("psn_no"),
          "left_semi"), last));
    }
    out.addAll(months(lake.read(Tables.DWD_SETL).join(persons, Cols.seq("psn_no"),
        "left_semi").select(col("setl_month").as("m"))));
    return out;
  }

  private static Set<YearMonth> spanMonths(Dataset<Row> spells, LocalDate last) {
    Column end = functions.least(functions.coalesce(col("enddate"), lit(java.sql.Date.valueOf(last))),
        lit(java.sql.Date.valueOf(last)));
    Column from = functions.trunc(col("begndate"), "month");
    Column to = functions.trunc(end, "month");
    return months(spells.filter(col("begndate").isNotNull().and(from.leq(to)))
        .select(functions.explode(functions.sequence(from, to, functions.expr("interval 1 month"))).as("d"))
        .select(functions.date_format(col("d"), "yyyy-MM").as("m")));
  }

  private static Set<YearMonth> months(Dataset<Row> m) {
    Set<YearMonth> out = new TreeSet<>();
    for (Row r : m.filter(col("m").isNotNull()).distinct().collectAsList()) {
      out.add(YearMonth.parse(r.getString(0)));
    }
    return out;
  }

  /**
   * Back by the longest readmission window plus the settlement lag of any year concerned (this also
   * covers the month that was the last, partial one: its same-days-last-year base grows), forward by a year.
   */
  private Set<YearMonth> widened(Set<YearMonth> months) {
    Set<YearMonth> out = new TreeSet<>();
    for (YearMonth m : months) {
      // a later last data date also turns older discharges into observed index stays (window + settlement lag)
      int window = policy.decimals("indicator.readmission.windows_days", m.getYear(), "*").stream()
          .map(BigDecimal::intValueExact).max(Integer::compare).orElse(0)
          + policy.integer("indicator.readmission.settlement_lag_days", m.getYear(), "*");
      for (YearMonth b = YearMonth.from(m.atDay(1).minusDays(window)); !b.isAfter(m); b = b.plusMonths(1)) {
        out.add(b);
      }
    }
    return plusYear(out);
  }

  private static Set<YearMonth> plusYear(Set<YearMonth> months) {
    Set<YearMonth> out = new TreeSet<>(months);
    months.forEach(m -> out.add(m.plusMonths(12)));
    return out;
  }
}
