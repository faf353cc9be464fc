package org.yibao.lake.cli;

import io.delta.tables.DeltaTable;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.TableId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code yibao maintain}: the weekly upkeep of the lake. Nightly merges and period replacements leave many small
 * files; OPTIMIZE compacts each table's files (each partition's), VACUUM deletes the files no version within the
 * retention reads any more. Time travel (a job's recorded input versions) reaches back as far as the retention.
 * A writer: it takes the lake's lock like ingest and run.
 */
@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = "Compact every table's small files (Delta OPTIMIZE) and delete files older versions no longer "
        + "need (VACUUM, keeping --retain-days of history). Weekly, outside the nightly window.")
public final class MaintainCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("yibao.maintain");
  /** Delta refuses a shorter retention (a concurrent reader could lose files it is reading). */
  static final int MIN_RETAIN_DAYS = 7;

  @ParentCommand Yibao root;

  @Option(names = "--retain-days", defaultValue = "30", paramLabel = "D",
      description = "days of history kept readable (time travel); at least " + MIN_RETAIN_DAYS + ", default ${DEFAULT-VALUE}")
  int retainDays;

  @Option(names = "--table", paramLabel = "NAME", description = "only this table (layer.name); repeatable; default every table")
  java.util.List<String> tables;

  @Override
  public Integer call() {
    if (retainDays < MIN_RETAIN_DAYS) {
      throw new ConfigException("--retain-days " + retainDays + ": keep at least " + MIN_RETAIN_DAYS
          + " days, so that no reader loses a file it is still reading");
    }
    try (CliContext ctx = CliContext.openWriter(root, "maintain")) {
      Lake lake = ctx.lake();
      // VACUUM lists a table's folders in as many tasks as this says (Spark's default, 10,000, is for a warehouse of
      // thousands of partitions): one per core is plenty for a lake table's folders
      ctx.spark().conf().set("spark.sql.sources.parallelPartitionDiscovery.parallelism",
          String.valueOf(Math.max(2, ctx.spark().sparkContext().defaultParallelism())));
      java.util.List<TableId> chosen = lake.list();
      if (tables != null && !tables.isEmpty()) {
        java.util.List<TableId> named = tables.stream().map(TableId::parse).toList();
        for (TableId t : named) {
          if (!chosen.contains(t)) {
            throw new Lake.MissingTableException(t, lake.path(t));
          }
        }
        chosen = named;
      }
      for (TableId t : chosen) {
        long t0 = System.nanoTime();
        DeltaTable table = DeltaTable.forPath(ctx.spark(), lake.path(t));
        long before = files(table);
        table.optimize().executeCompaction();
        table.vacuum(retainDays * 24.0);
        LOG.info("maintain table={} files={}->{} version={} duration={}s", t, before, files(table), lake.version(t),
            String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
      }
      return Yibao.OK;
    }
  }

  /** Data files of the table's current version. */
  static long files(DeltaTable table) {
    return table.detail().select("numFiles").head().getLong(0);
  }
}
