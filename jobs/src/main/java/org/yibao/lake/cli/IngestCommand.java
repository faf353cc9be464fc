package org.yibao.lake.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.yibao.lake.common.dq.DataQualityException;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.ingest.BatchResult;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.jobs.refresh.RefreshRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code yibao ingest --landing DIR}: every complete batch not yet ingested, in batch order; then dwd/dim. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest every complete landing batch not yet ingested (landing → ods with quarantine), "
        + "then refresh the dim and dwd tables.")
public final class IngestCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Option(names = "--landing", required = true, paramLabel = "DIR", description = "landing root (<landing>/<table>/<batch>/)")
  String landing;

  @Override
  public Integer call() {
    try (CliContext ctx = CliContext.openWriter(root, "ingest")) {
      List<BatchResult> results = ingest(ctx, landing);
      List<BatchResult> flagged = results.stream().filter(BatchResult::needsOperator).toList();
      System.err.printf("ingested %d table-batches into %s%n", results.size() - flagged.size(), ctx.settings.lake());
      if (!flagged.isEmpty()) {
        // what could be ingested is in the lake and dwd is refreshed; the night is still red
        throw new DataQualityException(flagged.size() + " landing batch(es) need an operator (ops.batch): "
            + String.join("; ", flagged.stream().map(r -> r.table() + "/" + r.batch() + " " + r.status() + ": "
                + r.message()).toList()));
      }
      return Yibao.OK;
    }
  }

  /** Ingest, then rebuild the detail layer from ods (what `ingest` and `demo` both do). */
  static List<BatchResult> ingest(CliContext ctx, String landing) {
    List<BatchResult> results = new IngestPipeline(ctx.lake(), ctx.settings, ctx.runId, ctx.policy.version())
        .ingest(landing);
    JobCatalog catalog = new JobCatalog();
    new RefreshRunner(catalog.all(), ctx.jobContext(Period.ALL, LocalDate.now())).run(catalog.group("dwd"), false);
    return results;
  }
}
