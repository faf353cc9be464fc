package org.yibao.lake.common.policy;

import org.yibao.lake.common.config.ConfigException;

/** A span of years a parameter applies to: {@code 2026}, {@code 2024-2025} or open-ended {@code 2024-}. */
public record Years(int from, int to) {

  public static Years parse(String text, String where) {
    String t = text.trim();
    try {
      if (t.endsWith("-")) {
        return new Years(Integer.parseInt(t.substring(0, t.length() - 1)), Integer.MAX_VALUE);
      }
      int dash = t.indexOf('-');
      if (dash > 0) {
        Years y = new Years(Integer.parseInt(t.substring(0, dash)), Integer.parseInt(t.substring(dash + 1)));
        if (y.to < y.from) {
          throw new ConfigException(where + ": years '" + text + "' ends before it starts");
        }
        return y;
      }
      int y = Integer.parseInt(t);
      return new Years(y, y);
    } catch (NumberFormatException e) {
      throw new ConfigException(where + ": years must look like 2026, 2024-2025 or 2024-, not '" + text + "'");
    }
  }

  public boolean contains(int year) {
    return year >= from && year <= to;
  }
}
