package org.yibao.lake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.dq.Expectation;
import org.yibao.lake.common.money.Money;

/**
 * Evaluates a table's expectations over one typed batch (registered as view {@code b}) in one
 * projection: each rule becomes a pass flag (a rule that cannot be evaluated for a row, i.e. is
 * null, fails). A row that breaks a {@code quarantine} rule is routed under the first such rule in
 * file order ({@code _q_rule}, {@code _q_reason}); every rule's failures are counted in one pass.
 */
final class QualityGate {

  /** Failures of one rule in one batch. */
  record RuleResult(Expectation rule, long failedRows, BigDecimal failedMoney) {}

  /**
   * The batch with {@code _q_rule} / {@code _q_reason} (null when the row passes every quarantine
   * rule), persisted; the per-rule counts; the rows and money landed; and the rows and money routed to
   * quarantine by a rule — all from one pass.
   */
  record Outcome(Dataset<Row> evaluated, List<RuleResult> results, long landedRows, BigDecimal landedMoney,
                 long quarantinedRows, BigDecimal quarantinedMoney) {}

  private QualityGate() {}

  static Outcome evaluate(SparkSession spark, Dataset<Row> typed, List<Expectation> rules, String moneyColumn) {
    typed.createOrReplaceTempView("b");
    StringBuilder select = new StringBuilder("SELECT b.*");
    for (Expectation rule : rules) {
      select.append(", coalesce((").append(rule.expr()).append("), false) AS `_pass_").append(rule.order()).append('`');
    }
    Dataset<Row> flagged;
    try {
      flagged = spark.sql(select + " FROM b");
    } catch (RuntimeException e) {
      throw new ConfigException("an expectation of table " + (rules.isEmpty() ? "?" : rules.get(0).table())
          + " is not a valid predicate: " + firstLine(e.getMessage()), e);
    }
    Column rule = lit(null).cast("string");
    Column reason = lit(null).cast("string");
    for (int i = rules.size() - 1; i >= 0; i--) {
      Expectation r = rules.get(i);
      if (r.action() == Expectation.Action.QUARANTINE) {
        Column failed = col("_pass_" + r.order()).equalTo(false);
        rule = when(failed, lit(r.name())).otherwise(rule);
        reason = when(failed, lit(r.reason())).otherwise(reason);
      }
    }
    Dataset<Row> evaluated = flagged.withColumn("_q_rule", rule).withColumn("_q_reason", reason)
        .persist(StorageLevel.MEMORY_AND_DISK());

    List<Column> aggs = new ArrayList<>();
    Column money = moneyColumn == null ? lit(BigDecimal.ZERO).cast(Money.TYPE) : col(moneyColumn);
    Column routed = col("_q_rule").isNotNull();
    aggs.add(functions.count(lit(1)));
    aggs.add(functions.sum(money));
    aggs.add(functions.sum(when(routed, 1L).otherwise(0L)));
    aggs.add(functions.sum(when(routed, money)));
    for (Expectation r : rules) {
      Column failed = col("_pass_" + r.order()).equalTo(false);
      aggs.add(functions.sum(when(failed, 1L).otherwise(0L)));
      aggs.add(functions.sum(when(failed, money)));
    }
    Row counts = evaluated.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).head();
    List<RuleResult> results = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      results.add(new RuleResult(rules.get(i), longAt(counts, 4 + 2 * i), moneyAt(counts, 5 + 2 * i)));
    }
    List<String> passCols = rules.stream().map(r -> "_pass_" + r.order()).toList();
    return new Outcome(evaluated.drop(passCols.toArray(String[]::new)), List.copyOf(results),
        longAt(counts, 0), moneyAt(counts, 1), longAt(counts, 2), moneyAt(counts, 3));
  }

  private static long longAt(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  private static BigDecimal moneyAt(Row r, int i) {
    return r.isNullAt(i) ? BigDecimal.ZERO.setScale(2) : Money.scale(r.getDecimal(i));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse(s);
  }
}
