package org.yibao.lake.tests;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.ingest.BatchResult;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;

/** Landing → ods → dwd → dws over {@link HandMadeProvince}, every figure worked out by hand. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestEndToEndTest {
  @TempDir static Path tmp;
  SparkSession spark;
  Lake lake;
  LakeSettings settings;
  List<BatchResult> first;

  @BeforeAll
  void ingestOnce() {
    spark = TestSpark.get();
    settings = TestSpark.settings(tmp.resolve("lake"), TestSpark.confDir());
    lake = new Lake(spark, settings.lake());
    HandMadeProvince.write(tmp.resolve("landing"));
    first = new IngestPipeline(lake, settings, "run-1", "test").ingest(tmp.resolve("landing").toString());
    JobContext ctx = new JobContext(spark, lake, settings, Policy.load(settings.confDir()), "run-1",
        LocalDate.of(2024, 1, 3), Period.ALL);
    // this landing has no family-doctor or two-disease registrations, which the indicator job needs: a
    // run of it would now fail (exit 2) instead of skipping it; the figures checked here are dwd and dws
    JobRunner.runAll(new JobCatalog().select(List.of("dwd", "dws", "flows")), ctx);
  }

  private BatchResult result(String table, String batch) {
    return first.stream().filter(r -> r.table().equals(table) && r.batch().equals(batch)).findFirst().orElseThrow();
  }

  @Test
  void firstSettlementBatchReconcilesToTheCent() {
    BatchResult b1 = result("setl", HandMadeProvince.B1);
    // 5 good rows (S001, S002, S003, S002 again, S115) + 16 bad rows
    assertEquals(21, b1.landedRows());
    // clean 10000 + 200 + 5000 + 200 + 200 = 15600; bad: 12 rows of 200 = 2400, + 300 (medfee_balance)
    // - 200 (orphan reversal); malformed and bad_amount rows carry no parseable money: 15600 + 2500 = 18100
    assertEquals(new BigDecimal("18100.00"), b1.landedMoney());
    assertEquals(4, b1.acceptedRows());
    assertEquals(new BigDecimal("15400.00"), b1.acceptedMoney()); // 10000 + 200 + 5000 + 200
    assertEquals(1, b1.duplicateRows());
    assertEquals(new BigDecimal("200.00"), b1.duplicateMoney());
    assertEquals(16, b1.quarantinedRows());
    assertEquals(new BigDecimal("2500.00"), b1.quarantinedMoney());
    assertTrue(b1.reconciled());
  }

  @Test
  void secondBatchCarriesACorrectionADuplicateAndAReversal() {
    BatchResult b2 = result("setl", HandMadeProvince.B2);
    assertEquals(3, b2.landedRows());
    assertEquals(new BigDecimal("-4800.00"), b2.landedMoney()); // 5000 + 200 - 10000
    assertEquals(2, b2.acceptedRows());                          // S003 corrected, R001
    assertEquals(1, b2.correctedRows());
    assertEquals(new BigDecimal("-5000.00"), b2.acceptedMoney());
    assertEquals(1, b2.duplicateRows());                         // S002 seen in batch 1
    assertEquals(0, b2.quarantinedRows());
  }

  @Test
  void everyContractRuleQuarantinesItsRowWithItsReason() {
    Map<String, Long> expected = new TreeMap<>(HandMadeProvince.BAD_SETL.stream()
        .collect(Collectors.groupingBy(b -> b[0], Collectors.counting())));
    Map<String, Long> actual = new TreeMap<>();
    lake.read(Tables.DQ_QUARANTINE).filter(col("source_table").equalTo("setl")).groupBy("rule").count()
        .collectAsList().forEach(r -> actual.put(r.getString(0), r.getLong(1)));
    assertEquals(expected, actual);
  }

  @Test
  void badEncodingIsQuarantinedAndNoPiiIsStoredInClear() {
    List<Row> q = lake.read(Tables.DQ_QUARANTINE).filter(col("source_table").equalTo("psn")).collectAsList();
    assertEquals(1, q.size());
    assertEquals("bad_encoding", q.get(0).getAs("rule"));
    String raw = q.get(0).getAs("raw");
    assertFalse(raw.contains("990102199003033456"), raw);
    assertFalse(raw.contains("psn_name"), raw);
    Dataset<Row> psn = lake.read(Tables.DWD_PSN);
    assertFalse(List.of(psn.columns()).contains("certno"));
    assertFalse(List.of(psn.columns()).contains("psn_name"));
    String hash = psn.filter(col("psn_no").equalTo("P001")).head().getAs("certno_hash");
    assertEquals(64, hash.length());
    assertFalse(hash.contains("990101195001011234"));
  }

  @Test
  void warningsAreCountedButTheRowIsKept() {
    Row r = lake.read(Tables.DQ_EXPECTATION_RESULT).filter(col("expectation").equalTo("unknown_pay_method")
        .and(col("batch").equalTo(HandMadeProvince.B1))).head();
    // S115 (pay_method XYZ) and the malformed line S100 (no pay_method at all): 2
    assertEquals(2L, r.<Long>getAs("failed_rows"));
    assertEquals(1, lake.read(Tables.DWD_SETL).filter(col("setl_id").equalTo("S115")).count());
  }

  @Test
  void dwdSetlAppliesCorrectionAndReversal() {
    Dataset<Row> setl = lake.read(Tables.DWD_SETL);
    Row s001 = setl.filter(col("setl_id").equalTo("S001")).head();
    assertTrue(s001.<Boolean>getAs("is_reversed"));
    assertTrue(setl.filter(col("setl_id").equalTo("R001")).head().<Boolean>getAs("is_reversal"));
    Row s003 = setl.filter(col("setl_id").equalTo("S003")).head();
    assertEquals(new BigDecimal("2500.00"), s003.getAs("hifp_pay"));
    assertEquals(2L, s003.<Long>getAs("version_cnt"));
    assertEquals("inpatient_ffs", s003.getAs("category"));
    // valid facts: S002 100 + S003 2500 + S115 100 = 2700 (S001 and R001 cancel out and drop)
    Row fact = lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH)
        .agg(org.apache.spark.sql.functions.sum("hifp_pay"), org.apache.spark.sql.functions.sum("setl_cnt")).head();
    assertEquals(new BigDecimal("2700.00"), fact.getDecimal(0));
    assertEquals(3L, fact.getLong(1));
  }

  @Test
  void reIngestingTheSameLandingChangesNothing() {
    long odsVersion = lake.version(Tables.ods("setl"));
    long dqVersion = lake.version(Tables.DQ_QUARANTINE);
    List<BatchResult> again = new IngestPipeline(lake, settings, "run-2", "test")
        .ingest(tmp.resolve("landing").toString());
    assertTrue(again.isEmpty());
    assertEquals(odsVersion, lake.version(Tables.ods("setl")));
    assertEquals(dqVersion, lake.version(Tables.DQ_QUARANTINE));
  }
}
