package org.yibao.lake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One {@code <landing>/<table>/<batch>/} folder (DATA_CONTRACT.md "Layout"). A batch is complete
 * when its {@code _SUCCESS} file exists; an incomplete one is not read.
 */
public record LandingBatch(String table, String batch, String dir, List<String> files, boolean complete) {

  /** Every batch folder of the known tables, sorted by batch name then by the tables' ingest order. */
  public static List<LandingBatch> scan(String landing, List<String> tablesInOrder, Configuration hadoop) {
    List<LandingBatch> out = new ArrayList<>();
    try {
      Path root = new Path(landing);
      FileSystem fs = FileSystem.get(URI.create(root.toUri().toString()), hadoop);
      if (!fs.exists(root)) {
        throw new org.yibao.lake.common.config.ConfigException("landing folder not found: " + landing);
      }
      for (String table : tablesInOrder) {
        Path tdir = new Path(root, table);
        if (!fs.exists(tdir)) {
          continue;
        }
        for (FileStatus b : fs.listStatus(tdir)) {
          if (!b.isDirectory() || b.getPath().getName().startsWith(".") || b.getPath().getName().startsWith("_")) {
            continue;
          }
          List<String> files = new ArrayList<>();
          for (FileStatus f : fs.listStatus(b.getPath())) {
            String n = f.getPath().getName();
            if (f.isFile() && DATA_SUFFIXES.stream().anyMatch(n::endsWith)) {
              files.add(f.getPath().toString());
            }
          }
          files.sort(null);
          boolean complete = fs.exists(new Path(b.getPath(), "_SUCCESS"));
          out.add(new LandingBatch(table, b.getPath().getName(), b.getPath().toString(), List.copyOf(files), complete));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list landing folder " + landing, e);
    }
    out.sort((a, b) -> {
      int c = a.batch.compareTo(b.batch);
      return c != 0 ? c : Integer.compare(tablesInOrder.indexOf(a.table), tablesInOrder.indexOf(b.table));
    });
    return out;
  }

  static final Set<String> DATA_SUFFIXES = Set.of(".csv", ".csv.gz", ".parquet");
}
