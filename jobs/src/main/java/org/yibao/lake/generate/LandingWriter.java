package org.yibao.lake.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Owns every open landing file: {@code <out>/<table>/<batch>/part-00000.<ext>}, one per table and
 * batch, opened on first use. {@link #finish()} closes them all and only then writes an empty
 * {@code _SUCCESS} into every batch folder, so a reader never sees a batch marked complete early.
 */
final class LandingWriter implements AutoCloseable {
  private final Path out;
  private final GeneratorOptions.Format format;
  private final Charset charset;
  private final Map<String, TableWriter> open = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> rows = new TreeMap<>();
  private boolean closed;

  LandingWriter(Path out, GeneratorOptions.Format format, Charset charset) {
    this.out = out;
    this.format = format;
    this.charset = charset;
  }

  /** Opens the file of a table in a batch even if no row will follow (every table lands). */
  void touch(TableSchema table, String batch) {
    writer(table, batch);
  }

  void write(TableSchema table, String batch, Object[] row) {
    try {
      writer(table, batch).write(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows.get(table.name()).merge(batch, 1L, Long::sum);
  }

  private TableWriter writer(TableSchema table, String batch) {
    String key = table.name() + '/' + batch;
    TableWriter w = open.get(key);
    if (w != null) {
      return w;
    }
    try {
      Path dir = Files.createDirectories(out.resolve(table.name()).resolve(batch));
      w = format == GeneratorOptions.Format.CSV
          ? new CsvTableWriter(table, dir.resolve("part-00000.csv"), charset)
          : new ParquetTableWriter(table, dir.resolve("part-00000.parquet"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    open.put(key, w);
    rows.computeIfAbsent(table.name(), t -> new TreeMap<>()).putIfAbsent(batch, 0L);
    return w;
  }

  /** Rows written, by table and batch. */
  Map<String, Map<String, Long>> rowCounts() {
    return rows;
  }

  /** Closes all files, then marks every batch complete. */
  void finish() throws IOException {
    close();
    for (String key : open.keySet()) {
      Files.write(out.resolve(key).resolve("_SUCCESS"), new byte[0]);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException first = null;
    for (TableWriter w : open.values()) {
      try {
        w.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
