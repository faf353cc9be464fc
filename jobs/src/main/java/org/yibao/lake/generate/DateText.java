package org.yibao.lake.generate;

import java.time.LocalDate;

/**
 * {@code YYYY-MM-DD} text of epoch days, cached: formatting dates is the hottest path of a
 * million-row landing. The cache is filled on first use of a day and shared by all writers of a
 * run (it only ever holds the same text for the same day).
 */
final class DateText {
  private static final int FIRST = (int) LocalDate.of(1900, 1, 1).toEpochDay();
  private static final int LAST = (int) LocalDate.of(2101, 12, 31).toEpochDay();
  private static final String[] CACHE = new String[LAST - FIRST + 1];

  private DateText() {
  }

  static String of(int epochDay) {
    if (epochDay < FIRST || epochDay > LAST) {
      return LocalDate.ofEpochDay(epochDay).toString();
    }
    String s = CACHE[epochDay - FIRST];
    if (s == null) {
      s = LocalDate.ofEpochDay(epochDay).toString();
      CACHE[epochDay - FIRST] = s;
    }
    return s;
  }

  /** {@code n} as text left-padded with zeros to {@code width} digits. */
  static String zeroPadded(long n, int width) {
    String digits = Long.toString(n);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }
}
