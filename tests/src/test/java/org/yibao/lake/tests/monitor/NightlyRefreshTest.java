package org.yibao.lake.tests.monitor;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.contract.ContractTable;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.ops.JobRun;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.jobs.refresh.RefreshRunner;
import org.yibao.lake.jobs.refresh.TouchedPeriods;
import org.yibao.lake.tests.Fixtures;
import org.yibao.lake.tests.HandMadeProvince;
import org.yibao.lake.tests.Landing;

/**
 * The nightly refresh over {@link HandMadeProvince}: batch 1 (plus one settlement in 2023-10, S200) is
 * ingested and refreshed, then batch 2 lands (S003 corrected in 2023-05, R001 reversing S001 of
 * 2023-03, a duplicate of S002) and the refresh recomputes only the months it touches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyRefreshTest {
  @TempDir static Path tmp;
  JobContext ctx;
  JobCatalog catalog = new JobCatalog();
  List<Job> jobs;
  Path landing;
  List<JobRun> first;
  List<JobRun> second;
  Set<YearMonth> touchedByBatch2;

  @BeforeAll
  void twoNights() throws IOException {
    ctx = Fixtures.context(tmp.resolve("lake"), "night-1", Period.ALL, LocalDate.of(2024, 1, 2));
    jobs = catalog.select(List.of("dwd", "dws", "flows"));
    landing = tmp.resolve("landing");
    HandMadeProvince.write(landing);
    new Landing(landing).batch("setl", "2024-01-01-s200", Landing.Setl.HEADER, List.of(Landing.Setl.row("S200",
        "begndate", "2023-10-10", "enddate", "2023-10-10", "setl_time", "2023-10-10 09:00:00")));
    Path b2Done = landing.resolve("setl").resolve(HandMadeProvince.B2).resolve("_SUCCESS");
    Files.delete(b2Done); // batch 2 has not finished landing on night 1

    new IngestPipeline(ctx.lake(), ctx.settings(), "night-1", "test").ingest(landing.toString());
    first = new RefreshRunner(catalog.all(), ctx).run(jobs, false);

    Files.writeString(b2Done, "");
    JobContext night2 = new JobContext(ctx.spark(), ctx.lake(), ctx.settings(), ctx.policy(), "night-2",
        ctx.asOf(), Period.ALL);
    new IngestPipeline(ctx.lake(), ctx.settings(), "night-2", "test").ingest(landing.toString());
    touchedByBatch2 = new TouchedPeriods(ctx.lake(), ctx.policy(), ContractTable.loadAll(ctx.settings().confDir()))
        .of(List.of(new TouchedPeriods.BatchRef("setl", HandMadeProvince.B2))).orElseThrow();
    second = new RefreshRunner(catalog.all(), night2).run(jobs, false);
  }

  @Test
  void aJobNeverRefreshedComputesEverything() {
    JobRun fund = first.stream().filter(r -> r.job().equals("dws.fund_expenditure_month")).findFirst().orElseThrow();
    assertEquals("all", fund.period());
  }

  @Test
  void batchTwoTouchesTheMonthsOfItsSettlementsWidenedByTheReadmissionWindow() {
    // fresh keys of batch 2 in ods: S003 (2023-05-05) and R001 (2023-03-10) reversing S001 (2023-03-08); the
    // duplicate S002 is not stored. Months 2023-03 and 2023-05, each widened back by the 31-day window plus the
    // 30-day settlement lag: 2023-03-01 - 61 d = 2022-12-30 → 2022-12..2023-03; 2023-05-01 - 61 d = 2023-03-01
    // → 2023-03..05; and a year later 2023-12..2024-05. Clipped to the settlement data (2023-03-08 ..
    // 2023-10-10): 2023-03, 2023-04, 2023-05.
    assertEquals(Set.of(YearMonth.of(2023, 3), YearMonth.of(2023, 4), YearMonth.of(2023, 5)), touchedByBatch2);
  }

  @Test
  void nightTwoReplacesExactlyTheTouchedMonths() {
    JobRun fund = second.stream().filter(r -> r.job().equals("dws.fund_expenditure_month")).findFirst().orElseThrow();
    assertEquals("2023-03,2023-04,2023-05", fund.period());
    Dataset<Row> t = ctx.lake().read(Tables.DWS_FUND_EXPENDITURE_MONTH);
    // S200's month was not touched: still written by night 1
    assertEquals(Set.of("night-1"), runIds(t.filter(col("setl_month").equalTo("2023-10"))));
    assertEquals(Set.of("night-2"), runIds(t.filter(col("setl_month").equalTo("2023-05"))));
    // flows: the touched months and their year, 2023, rewritten; 2023-10 kept
    Dataset<Row> od = ctx.lake().read(Tables.ADS_FLOW_OD);
    assertEquals(Set.of("night-2"), runIds(od.filter(col("period").isin("2023", "2023-05", "2023-03"))));
    assertEquals(Set.of("night-1"), runIds(od.filter(col("period").equalTo("2023-10"))));
  }

  @Test
  void nightTwoMergesOnlyTheSettlementsBatchTwoChanges() {
    JobRun setl = second.stream().filter(r -> r.job().equals("dwd.setl")).findFirst().orElseThrow();
    assertEquals("merge:1 batch(es)", setl.period());
    // in: batch 2 as stored in ods: S003 corrected (hifp 2500.00) and R001 (hifp -7000.00); the duplicate S002 is
    // not stored → 2 rows, 2500.00 - 7000.00 = -4500.00.
    assertEquals(2, setl.rowsIn());
    assertEquals(new BigDecimal("-4500.00"), setl.moneyIn());
    // out: S003 and R001, and S001 which R001 reverses (now is_reversed) → 3 rows, 2500.00 - 7000.00 + 7000.00
    assertEquals(3, setl.rowsOut());
    assertEquals(new BigDecimal("2500.00"), setl.moneyOut());
    Dataset<Row> t = ctx.lake().read(Tables.DWD_SETL);
    assertEquals(Set.of("night-2"), runIds(t.filter(col("setl_id").isin("S001", "S003", "R001"))));
    assertEquals(Set.of("night-1"), runIds(t.filter(col("setl_id").isin("S002", "S200"))));
  }

  @Test
  @Order(Integer.MAX_VALUE - 1) // compacts the lake: after the nights' checks, before the full recompute reads it
  void maintainCompactsTheSmallFilesAndKeepsEveryRow() {
    Lake lake = ctx.lake();
    List<Row> rows = lake.read(Tables.OPS_REFRESH).collectAsList();
    // ops.refresh is appended once per night (each append one file or more), unpartitioned: one file after
    long before = files(lake, Tables.OPS_REFRESH);
    assertTrue(before >= 2, before + " files");
    String[] maintain = {"--conf", ctx.settings().confDir().toString(), "--lake", lake.root(), "maintain"};
    assertEquals(Yibao.USAGE, Yibao.execute(concat(maintain, "--retain-days", "1")));
    assertEquals(Yibao.USAGE, Yibao.execute(concat(maintain, "--table", "ops.no_such_table")));
    assertEquals(Yibao.OK, Yibao.execute(concat(maintain, "--retain-days", "7", "--table", "ops.refresh")));
    assertEquals(1, files(lake, Tables.OPS_REFRESH));
    assertSameRows(rows, lake.read(Tables.OPS_REFRESH).collectAsList());
  }

  private static long files(Lake lake, org.yibao.lake.common.table.TableId t) {
    return io.delta.tables.DeltaTable.forPath(lake.spark(), lake.path(t)).detail().select("numFiles").head().getLong(0);
  }

  private static String[] concat(String[] a, String... b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
  }

  @Test
  @Order(Integer.MAX_VALUE) // rewrites every table as run "full": last
  void theRefreshedTablesEqualAFullRecompute() {
    Dataset<Row> fund = withoutRunId(ctx.lake().read(Tables.DWS_FUND_EXPENDITURE_MONTH));
    Dataset<Row> od = withoutRunId(ctx.lake().read(Tables.ADS_FLOW_OD));
    Dataset<Row> region = withoutRunId(ctx.lake().read(Tables.ADS_FLOW_REGION));
    List<Row> fundRows = fund.collectAsList();
    List<Row> odRows = od.collectAsList();
    List<Row> regionRows = region.collectAsList();
    List<Row> setlRows = withoutRunId(ctx.lake().read(Tables.DWD_SETL)).collectAsList();
    Lake lake = ctx.lake();
    JobContext full = new JobContext(ctx.spark(), lake, ctx.settings(), ctx.policy(), "full", ctx.asOf(), Period.ALL);
    new RefreshRunner(catalog.all(), full).run(jobs, true);
    assertSameRows(fundRows, withoutRunId(lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH)).collectAsList());
    assertSameRows(odRows, withoutRunId(lake.read(Tables.ADS_FLOW_OD)).collectAsList());
    assertSameRows(regionRows, withoutRunId(lake.read(Tables.ADS_FLOW_REGION)).collectAsList());
    // the merged night equals a rebuild from every batch
    assertSameRows(setlRows, withoutRunId(lake.read(Tables.DWD_SETL)).collectAsList());
    // and a night with nothing new runs nothing
    JobContext idle = new JobContext(ctx.spark(), lake, ctx.settings(), ctx.policy(), "idle", ctx.asOf(), Period.ALL);
    assertTrue(new RefreshRunner(catalog.all(), idle).run(jobs, false).isEmpty());
  }

  @Test
  void everyAbsorbedBatchIsRecordedPerJob() {
    // batch 2 (setl only) reaches dwd.setl, the dws and the flow jobs; not dim.admdvs
    Dataset<Row> refresh = ctx.lake().read(Tables.OPS_REFRESH).filter(col("batch").equalTo(HandMadeProvince.B2));
    Set<String> jobsOfB2 = refresh.select("job").distinct().collectAsList().stream().map(r -> r.getString(0))
        .collect(Collectors.toSet());
    assertTrue(jobsOfB2.containsAll(Set.of("dwd.setl", "dws.fund_expenditure_month", "ads.flow_od")), jobsOfB2.toString());
    assertTrue(!jobsOfB2.contains("dim.admdvs"), jobsOfB2.toString());
  }

  private static Set<String> runIds(Dataset<Row> df) {
    return df.select("run_id").distinct().collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
  }

  private static Dataset<Row> withoutRunId(Dataset<Row> df) {
    return df.drop("run_id");
  }

  private static void assertSameRows(List<Row> expected, List<Row> actual) {
    assertEquals(expected.size(), actual.size());
    assertEquals(Set.copyOf(expected.stream().map(Row::toString).toList()),
        Set.copyOf(actual.stream().map(Row::toString).toList()));
  }
}
