package org.yibao.lake.tests.monitor;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.generate.GenerationReport;
import org.yibao.lake.tests.GeneratedLake;

/**
 * The generator's suspicious institutions (same-hospital readmission 3–14 days after a discharge with
 * probability 0.35) show up as split-stay alerts: {@code readmission_15d_same_medins} above its 5 %
 * threshold for the year. Elsewhere planned readmissions come 20–90 days later; only independent stays
 * fall within 15 days by chance, so the other institutions together stay below the threshold (a small
 * one may still break it with one chance readmission). The one slow test of the area (generate → ingest
 * → every job).
 */
class SplitStayGeneratorTest {
  @Test
  void suspiciousInstitutionsAreSplitStayAlerts() {
    // the shared generated province (generate → ingest → every job), built once per test JVM
    GenerationReport report = GeneratedLake.get().report;
    Lake lake = GeneratedLake.get().lake;

    Set<String> alerted = new TreeSet<>();
    for (Row r : lake.read(Tables.ADS_ALERT).filter(col("indicator_id").equalTo("readmission_15d_same_medins")
        .and(col("level").equalTo("medins")).and(col("period").equalTo("2025")).and(col("insutype").equalTo("all")))
        .select("entity_id").collectAsList()) {
      alerted.add(r.getString(0));
    }
    Set<String> suspicious = new TreeSet<>(report.suspiciousInstitutions());
    assertTrue(alerted.containsAll(suspicious), "alerted " + alerted + ", suspicious " + suspicious);
    Row others = lake.read(Tables.ADS_INDICATOR).filter(col("indicator_id").equalTo("readmission_15d_same_medins")
        .and(col("level").equalTo("medins")).and(col("period").equalTo("2025")).and(col("insutype").equalTo("all"))
        .and(functions.not(col("entity_id").isin(suspicious.toArray()))))
        .agg(functions.sum("numerator"), functions.sum("denominator")).head();
    BigDecimal othersRate = others.getDecimal(0).divide(others.getDecimal(1), 6, RoundingMode.HALF_UP);
    assertTrue(othersRate.compareTo(new BigDecimal("0.05")) < 0, "other institutions together: " + othersRate);
  }
}
