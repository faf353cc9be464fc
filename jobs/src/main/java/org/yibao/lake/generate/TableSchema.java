package org.yibao.lake.generate;

import java.util.List;

/**
 * One landing table of the data contract: its name and columns in contract order. Row values
 * handed to a writer follow these types: {@link ColumnType#STR} a {@code String}, {@link ColumnType#INT}
 * an {@code Integer}, {@link ColumnType#DEC} a {@code Long} of hundredths, {@link ColumnType#DATE} an
 * {@code Integer} epoch day, {@link ColumnType#TS} a formatted {@code String}; {@code null} is empty.
 * Dirty rows may put a {@code String} into any column (CSV only) or {@link RawBytes} into a string column.
 */
record TableSchema(String name, List<Column> columns) {

  enum ColumnType { STR, INT, DEC, DATE, TS }

  record Column(String name, ColumnType type) {
  }

  int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name + " has no column " + column);
  }

  /** Bytes written verbatim into a CSV field, used for the {@code bad_encoding} rule. */
  record RawBytes(byte[] bytes) {
  }
}
