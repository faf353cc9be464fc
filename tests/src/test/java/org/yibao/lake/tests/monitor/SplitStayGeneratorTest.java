package org.yibao.lake.tests.monitor;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.generate.GenerationReport;
import org.yibao.lake.generate.PlantedAnomaly;
import org.yibao.lake.tests.GeneratedLake;

/**
 * The generator's planted split stays (same-hospital readmission 3–14 days after a discharge with
 * probability 0.35 at its suspicious institutions) are exactly the split-stay alerts:
 * {@code readmission_15d_same_medins} above its 5 % threshold for the year at the institutions the
 * report lists for 2025 (a suspicious institution with only a few discharges may draw none) and nowhere
 * else: the generator keeps an independent stay of a person more than 15 days from their other stays at
 * the same institution, so no ordinary institution has a 15-day same-institution readmission at all. The
 * one slow test of the area (generate → ingest → every job).
 */
class SplitStayGeneratorTest {
  @Test
  void plantedSplitStaysAreExactlyTheSplitStayAlerts() {
    // the shared generated province (generate → ingest → every job), built once per test JVM
    GenerationReport report = GeneratedLake.get().report;
    Lake lake = GeneratedLake.get().lake;

    Set<String> alerted = new TreeSet<>();
    for (Row r : lake.read(Tables.ADS_ALERT).filter(col("indicator_id").equalTo("readmission_15d_same_medins")
        .and(col("level").equalTo("medins")).and(col("period").equalTo("2025")).and(col("insutype").equalTo("all")))
        .select("entity_id").collectAsList()) {
      alerted.add(r.getString(0));
    }
    Set<String> planted = new TreeSet<>();
    for (PlantedAnomaly a : report.plantedAnomalies()) {
      if (a.kind().equals("split_stay") && a.years().contains(2025)) {
        planted.add(a.entity());
      }
    }
    assertFalse(planted.isEmpty(), "a split-stay institution shows in 2025: " + report.plantedAnomalies());
    assertTrue(report.suspiciousInstitutions().containsAll(planted));
    assertEquals(planted, alerted);
    Row others = lake.read(Tables.ADS_INDICATOR).filter(col("indicator_id").equalTo("readmission_15d_same_medins")
        .and(col("level").equalTo("medins")).and(col("period").equalTo("2025")).and(col("insutype").equalTo("all"))
        .and(functions.not(col("entity_id").isin(report.suspiciousInstitutions().toArray()))))
        .agg(functions.sum("numerator"), functions.sum("denominator")).head();
    assertEquals(0, others.getDecimal(0).signum(), "ordinary institutions: no 15-day same-institution readmission");
    assertTrue(others.getDecimal(1).signum() > 0);
  }
}
