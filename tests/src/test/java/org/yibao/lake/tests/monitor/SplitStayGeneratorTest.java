package org.yibao.lake.tests.monitor;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.generate.GenerationReport;
import org.yibao.lake.generate.GeneratorOptions;
import org.yibao.lake.generate.ProvinceGenerator;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.tests.TestSpark;

/**
 * The generator's suspicious institutions (same-hospital readmission 3–14 days after a discharge with
 * probability 0.35) show up as split-stay alerts: {@code readmission_15d_same_medins} above its 5 %
 * threshold for the year. Elsewhere readmissions come 20–90 days later, so no other institution breaks
 * it. The one slow test of the area (generate → ingest → every job).
 */
class SplitStayGeneratorTest {
  @TempDir Path tmp;

  @Test
  void suspiciousInstitutionsAreSplitStayAlerts() throws Exception {
    Path landing = tmp.resolve("landing");
    GenerationReport report = new ProvinceGenerator().generate(new GeneratorOptions(landing, 600, 2025, 2025, 7L,
        GeneratorOptions.Format.CSV, StandardCharsets.UTF_8, 0.0, 0));
    LakeSettings settings = TestSpark.settings(tmp.resolve("lake"), TestSpark.confDir());
    Lake lake = new Lake(TestSpark.get(), settings.lake());
    new IngestPipeline(lake, settings, "run-g", "test").ingest(landing.toString());
    JobContext ctx = new JobContext(TestSpark.get(), lake, settings, Policy.load(settings.confDir()), "run-g",
        LocalDate.of(2025, 12, 31), Period.ALL);
    JobRunner.runAll(new JobCatalog().all(), ctx);

    Set<String> alerted = new TreeSet<>();
    for (Row r : lake.read(Tables.ADS_ALERT).filter(col("indicator_id").equalTo("readmission_15d_same_medins")
        .and(col("level").equalTo("medins")).and(col("period").equalTo("2025")).and(col("insutype").equalTo("all")))
        .select("entity_id").collectAsList()) {
      alerted.add(r.getString(0));
    }
    Set<String> suspicious = new TreeSet<>(report.suspiciousInstitutions());
    assertFalse(alerted.isEmpty(), "no split-stay alert at all; suspicious: " + suspicious);
    assertTrue(suspicious.containsAll(alerted), "alerted " + alerted + " but suspicious only " + suspicious);
    // a suspicious institution with enough index stays to show its 35 % must alert
    for (Row r : lake.read(Tables.ADS_INDICATOR).filter(col("indicator_id").equalTo("readmission_15d_same_medins")
        .and(col("level").equalTo("medins")).and(col("period").equalTo("2025")).and(col("insutype").equalTo("all"))
        .and(col("entity_id").isin(suspicious.toArray())).and(col("denominator").geq(20))).collectAsList()) {
      assertTrue(alerted.contains(r.<String>getAs("entity_id")), "suspicious " + r + " did not alert");
    }
  }
}
