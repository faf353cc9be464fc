package org.yibao.lake.cli;

import java.util.List;

/** Aligned plain-text tables for the terminal (CJK characters count two columns wide). */
final class TextTable {
  private TextTable() {}

  static String render(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], displayWidth(r[i]));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < rows.size(); k++) {
      String[] r = rows.get(k);
      for (int i = 0; i < cols; i++) {
        String v = r[i] == null ? "" : r[i];
        sb.append(v).append(" ".repeat(width[i] - displayWidth(v))).append(i < cols - 1 ? "  " : "");
      }
      sb.append('\n');
      if (k == 0) {
        for (int i = 0; i < cols; i++) {
          sb.append("-".repeat(width[i])).append(i < cols - 1 ? "  " : "");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  static int displayWidth(String s) {
    if (s == null) {
      return 0;
    }
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      w += (c >= 0x2E80 && c <= 0xFFEF) ? 2 : 1;
    }
    return w;
  }
}
