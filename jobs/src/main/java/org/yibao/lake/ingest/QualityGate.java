package org.yibao.lake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.dq.Expectation;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.spark.Cols;

/**
 * Evaluates a table's expectations over one typed batch (registered as view {@code b}) in one pass:
 * the rows passing each rule are unioned, and a (row, rule) pair missing from that union is a
 * failure. A row that breaks a {@code quarantine} rule is quarantined under the first such rule in
 * file order; every rule's failures are counted.
 */
final class QualityGate {

  /** Failures of one rule in one batch. */
  record RuleResult(Expectation rule, long failedRows, BigDecimal failedMoney) {}

  /** Rows routed to quarantine (one per landed row: _file, _row, rule, reason) and per-rule counts. */
  record Outcome(Dataset<Row> quarantined, List<RuleResult> results) {}

  private QualityGate() {}

  static Outcome evaluate(SparkSession spark, Dataset<Row> typed, List<Expectation> rules, String moneyColumn) {
    typed.createOrReplaceTempView("b");
    Dataset<Row> passing = null;
    for (Expectation rule : rules) {
      Dataset<Row> p;
      try {
        p = spark.sql("SELECT b._file, b._row, " + rule.order() + " AS rule_order FROM b WHERE " + rule.expr());
      } catch (RuntimeException e) {
        throw new ConfigException("expectation '" + rule.name() + "' of table " + rule.table()
            + " is not a valid predicate: " + firstLine(e.getMessage()), e);
      }
      passing = passing == null ? p : passing.unionAll(p);
    }
    StructType ruleSchema = new StructType().add("rule_order", DataTypes.IntegerType)
        .add("rule", DataTypes.StringType).add("reason", DataTypes.StringType).add("action", DataTypes.StringType);
    List<Row> ruleRows = new ArrayList<>();
    rules.forEach(r -> ruleRows.add(RowFactory.create(r.order(), r.name(), r.reason(), r.action().name())));
    Dataset<Row> ruleTable = spark.createDataFrame(ruleRows, ruleSchema);
    Dataset<Row> failures = typed
        .select(col("_file"), col("_row"),
            moneyColumn == null ? lit(BigDecimal.ZERO).cast(Money.TYPE).as("m") : col(moneyColumn).as("m"))
        .crossJoin(functions.broadcast(ruleTable))
        .join(passing, Cols.seq("_file", "_row", "rule_order"), "left_anti")
        .persist(StorageLevel.MEMORY_AND_DISK());

    Map<Integer, Row> counts = new HashMap<>();
    failures.groupBy("rule_order").agg(functions.count(lit(1)), functions.sum("m")).collectAsList()
        .forEach(r -> counts.put(r.getInt(0), r));
    List<RuleResult> results = new ArrayList<>();
    for (Expectation rule : rules) {
      Row c = counts.get(rule.order());
      results.add(c == null ? new RuleResult(rule, 0, BigDecimal.ZERO.setScale(2))
          : new RuleResult(rule, c.getLong(1), c.isNullAt(2) ? BigDecimal.ZERO.setScale(2) : Money.scale(c.getDecimal(2))));
    }
    Dataset<Row> quarantined = failures.filter(col("action").equalTo(Expectation.Action.QUARANTINE.name()))
        .withColumn("rk", functions.row_number().over(Window.partitionBy("_file", "_row").orderBy("rule_order")))
        .filter(col("rk").equalTo(1))
        .select("_file", "_row", "rule", "reason");
    return new Outcome(quarantined, List.copyOf(results));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse(s);
  }
}
