package org.yibao.lake.cli;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Writes query results: UTF-8 CSV with a header (Spark's own univocity writer), or an aligned text table. */
final class Output {
  private Output() {}

  static void csv(Dataset<Row> df, OutputStream out) {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CsvWriter csv = new CsvWriter(w, new CsvWriterSettings());
    csv.writeHeaders(df.columns());
    Iterator<Row> it = df.toLocalIterator();
    while (it.hasNext()) {
      csv.writeRow(values(it.next()));
    }
    csv.flush();
    try {
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void csv(Dataset<Row> df, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      csv(df, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String table(Dataset<Row> df, int limit) {
    List<String[]> rows = new ArrayList<>();
    rows.add(df.columns());
    for (Row r : df.limit(limit).collectAsList()) {
      rows.add(values(r));
    }
    return TextTable.render(rows);
  }

  static String[] values(Row r) {
    String[] v = new String[r.length()];
    for (int i = 0; i < r.length(); i++) {
      Object o = r.get(i);
      v[i] = o == null ? "" : o instanceof BigDecimal d ? d.toPlainString() : o.toString();
    }
    return v;
  }
}
