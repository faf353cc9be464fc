package org.yibao.lake.tests;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.generate.GenerationReport;
import org.yibao.lake.ingest.BatchResult;

/**
 * The generator's province through the real ingest: every row the generator made bad lands in the
 * quarantine under exactly the rule it was made to break, and nothing else does — so the clean rows
 * pass every expectation — and every batch reconciles to the cent with the generator's own totals.
 */
class GeneratedProvinceTest {
  final GenerationReport report = GeneratedLake.get().report;
  final List<BatchResult> results = GeneratedLake.get().ingested;
  final Lake lake = GeneratedLake.get().lake;

  @Test
  void quarantineHoldsExactlyTheInjectedRows() {
    Map<String, Long> actual = new TreeMap<>();
    lake.read(Tables.DQ_QUARANTINE).groupBy("rule").count().collectAsList()
        .forEach(r -> actual.put(r.getString(0), r.getLong(1)));
    assertEquals(new TreeMap<>(report.injected()), actual);
    assertTrue(actual.size() >= 13, "every kind of bad row was injected: " + actual);
  }

  @Test
  void everyBatchReconcilesAndMatchesTheGeneratorsTotals() {
    results.forEach(r -> assertTrue(r.reconciled(), r.logLine()));
    BigDecimal landed = results.stream().filter(r -> r.table().equals("setl")).map(BatchResult::landedMoney)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertEquals(report.setlMedfeeSumamt(), landed);
    long corrected = results.stream().mapToLong(BatchResult::correctedRows).sum();
    long duplicates = results.stream().mapToLong(BatchResult::duplicateRows).sum();
    assertEquals(report.legitimateEvents().getOrDefault("correction", 0L), corrected);
    assertEquals(report.legitimateEvents().getOrDefault("duplicate", 0L), duplicates);
  }

  @Test
  void noIdentityNumberIsStoredInClear() {
    Row any = lake.read(Tables.ods("psn")).select(col("certno_hash")).head();
    assertEquals(64, any.getString(0).length());
  }
}
