package org.yibao.lake.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yibao.lake.generate.TableSchema.RawBytes;

/**
 * CSV with a header row, comma-separated, RFC 4180 quoting only where a value needs it, {@code \n}
 * line ends, in the requested charset. Each line is built as text and encoded once; a
 * {@link RawBytes} value is written verbatim between the encoded parts.
 */
final class CsvTableWriter implements TableWriter {
  private final TableSchema.ColumnType[] types;
  private final OutputStream out;
  private final Charset charset;
  private final StringBuilder line = new StringBuilder(512);

  CsvTableWriter(TableSchema schema, Path file, Charset charset) throws IOException {
    this.types = schema.columns().stream().map(TableSchema.Column::type).toArray(TableSchema.ColumnType[]::new);
    this.charset = charset;
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    for (int i = 0; i < schema.columns().size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(schema.columns().get(i).name());
    }
    endLine();
  }

  @Override
  public void write(Object[] row) throws IOException {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      Object v = row[i];
      if (v == null) {
        continue;
      }
      if (v instanceof RawBytes raw) {
        flushText();
        out.write(raw.bytes());
        continue;
      }
      switch (types[i]) {
        case DEC -> {
          if (v instanceof Long cents) {
            Money.append(line, cents);
          } else {
            appendText(v.toString());
          }
        }
        case DATE -> {
          if (v instanceof Integer day) {
            appendDate(day);
          } else {
            appendText(v.toString());
          }
        }
        default -> appendText(v.toString());
      }
    }
    endLine();
  }

  private void appendDate(int epochDay) {
    line.append(DateText.of(epochDay));
  }

  private void appendText(String s) {
    boolean quote = false;
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      line.append(s);
      return;
    }
    line.append('"').append(s.replace("\"", "\"\"")).append('"');
  }

  private void endLine() throws IOException {
    line.append('\n');
    flushText();
  }

  private void flushText() throws IOException {
    out.write(line.toString().getBytes(charset));
    line.setLength(0);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
