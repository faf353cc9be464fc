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
 * One {@code <landing>/<table>/<batch>/} folder. A batch is complete when its {@code _SUCCESS} file
 * exists; an incomplete one is not read.
 *
 * @param files        the data files (recognised suffixes), sorted
 * @param unrecognised every other file of the folder (not {@code _SUCCESS}, not hidden): a delivery the
 *                     contract does not describe, so the batch is rejected rather than half read
 * @param manifest     name, size and modification time of each data file: what was there when it was scanned
 */
public record LandingBatch(String table, String batch, String dir, List<String> files, boolean complete,
                           List<String> unrecognised, List<FileEntry> manifest) {

  /** A data file as listed: the manifest {@code ops.batch} records to notice a re-delivery. */
  public record FileEntry(String name, long size, long modified) {}

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
          List<String> unrecognised = new ArrayList<>();
          List<FileEntry> manifest = new ArrayList<>();
          for (FileStatus f : fs.listStatus(b.getPath())) {
            String n = f.getPath().getName();
            if (n.equals("_SUCCESS") || n.startsWith(".")) {
              continue;
            }
            // suffixes are matched exactly: a ".CSV" or ".zip" is not silently passed over
            if (f.isFile() && DATA_SUFFIXES.stream().anyMatch(n::endsWith)) {
              files.add(f.getPath().toString());
              manifest.add(new FileEntry(n, f.getLen(), f.getModificationTime()));
            } else {
              unrecognised.add(n);
            }
          }
          files.sort(null);
          unrecognised.sort(null);
          manifest.sort(java.util.Comparator.comparing(FileEntry::name));
          boolean complete = fs.exists(new Path(b.getPath(), "_SUCCESS"));
          out.add(new LandingBatch(table, b.getPath().getName(), b.getPath().toString(), List.copyOf(files), complete,
              List.copyOf(unrecognised), List.copyOf(manifest)));
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
