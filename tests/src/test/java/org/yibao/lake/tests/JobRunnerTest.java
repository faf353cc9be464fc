package org.yibao.lake.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yibao.lake.tests.Fixtures.row;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.ops.JobRun;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.JobCatalog;

/** The runner's promises: grain checked before writing, a period rerun replaces only that period. */
class JobRunnerTest {
  static final TableId IN = new TableId("dws", "test_in");
  static final TableId OUT = new TableId("ads", "test_out");
  static final String DDL = "k STRING, setl_month STRING, amt DECIMAL(18,2)";

  @TempDir Path tmp;

  /** Copies its input: the grain is (k, setl_month). */
  static final class CopyJob implements Job {
    @Override
    public JobSpec spec() {
      return JobSpec.of(OUT).inputs(IN).grain("k", "setl_month").period("setl_month", JobSpec.PeriodKind.MONTH)
          .money(IN, "amt", "amt").build();
    }

    @Override
    public Dataset<Row> transform(JobContext ctx, Inputs in) {
      Dataset<Row> df = in.get(IN);
      return ctx.period().isAll() ? df : df.filter(ctx.period().predicate("setl_month", JobSpec.PeriodKind.MONTH));
    }
  }

  @Test
  void aDuplicateKeyIsRefusedAndNothingIsWritten() {
    JobContext ctx = Fixtures.context(tmp, "r1", Period.ALL, LocalDate.of(2025, 1, 1));
    Fixtures.table(ctx.lake(), IN, DDL, row("a", "2025-01", "1.00"), row("a", "2025-01", "2.00"));
    JobRunner.GrainViolation e = assertThrows(JobRunner.GrainViolation.class, () -> JobRunner.run(new CopyJob(), ctx));
    assertTrue(e.getMessage().contains("not unique"), e.getMessage());
    assertFalse(ctx.lake().exists(OUT));
  }

  @Test
  void aNullKeyIsRefused() {
    JobContext ctx = Fixtures.context(tmp, "r1", Period.ALL, LocalDate.of(2025, 1, 1));
    Fixtures.table(ctx.lake(), IN, DDL, row(null, "2025-01", "1.00"));
    assertThrows(JobRunner.GrainViolation.class, () -> JobRunner.run(new CopyJob(), ctx));
  }

  @Test
  void aMonthRerunReplacesThatMonthOnlyAndTheRunIsLogged() {
    JobContext all = Fixtures.context(tmp, "r1", Period.ALL, LocalDate.of(2025, 3, 1));
    Fixtures.table(all.lake(), IN, DDL, row("a", "2025-01", "1.00"), row("a", "2025-02", "2.00"));
    JobRun first = JobRunner.run(new CopyJob(), all);
    assertEquals(2, first.rowsOut());
    assertEquals(new BigDecimal("3.00"), first.moneyOut()); // 1 + 2
    // February is restated in the input; a February run must leave January as it was
    Fixtures.table(all.lake(), IN, DDL, row("a", "2025-01", "100.00"), row("a", "2025-02", "5.00"));
    JobContext feb = Fixtures.context(tmp, "r2", Period.parse(null, "2025-02"), LocalDate.of(2025, 3, 1));
    JobRunner.run(new CopyJob(), feb);
    Dataset<Row> out = all.lake().read(OUT).orderBy("setl_month");
    assertEquals(new BigDecimal("1.00"), out.collectAsList().get(0).getAs("amt"));
    assertEquals(new BigDecimal("5.00"), out.collectAsList().get(1).getAs("amt"));
    assertEquals("r2", out.collectAsList().get(1).getAs("run_id"));
    assertEquals(2, all.lake().read(Tables.OPS_JOB_RUN).count());
  }

  @Test
  void everyCatalogJobDeclaresAGrainAndAnOutput() {
    for (Job j : new JobCatalog().all()) {
      assertFalse(j.spec().grain().isEmpty(), j.spec().name());
      assertFalse(j.spec().inputs().isEmpty(), j.spec().name());
    }
  }
}
