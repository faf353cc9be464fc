package org.yibao.lake.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes hand-made landing batches ({@code <root>/<table>/<batch>/part-00000.csv} + {@code _SUCCESS}). */
public final class Landing {
  private final Path root;

  public Landing(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Writes one complete batch of a table: header then rows, UTF-8 unless given. */
  public Landing batch(String table, String batch, String header, List<String> rows) {
    return batch(table, batch, header, rows, StandardCharsets.UTF_8, true);
  }

  public Landing batch(String table, String batch, String header, List<String> rows, Charset cs, boolean complete) {
    List<byte[]> lines = new ArrayList<>();
    lines.add(header.getBytes(cs));
    rows.forEach(r -> lines.add(r.getBytes(cs)));
    return raw(table, batch, lines, complete);
  }

  /** Writes lines as given bytes, so a test can land bytes invalid in the declared encoding. */
  public Landing raw(String table, String batch, List<byte[]> lines, boolean complete) {
    try {
      Path dir = root.resolve(table).resolve(batch);
      Files.createDirectories(dir);
      try (var out = Files.newOutputStream(dir.resolve("part-00000.csv"))) {
        for (byte[] l : lines) {
          out.write(l);
          out.write('\n');
        }
      }
      if (complete) {
        Files.writeString(dir.resolve("_SUCCESS"), "");
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A settlement row built from a clean template with some columns changed. */
  public static final class Setl {
    public static final String HEADER = String.join(",", template("x").keySet());

    public static Map<String, String> template(String setlId) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("setl_id", setlId);
      m.put("mdtrt_id", "M" + setlId);
      m.put("psn_no", "P002");
      m.put("insutype", "390");
      m.put("med_type", "11");
      m.put("dual_channel_flag", "0");
      m.put("fixmedins_code", "H990101002");
      m.put("insuplc_admdvs", "990101");
      m.put("mdtrtarea_admdvs", "990101");
      m.put("begndate", "2023-04-02");
      m.put("enddate", "2023-04-02");
      m.put("setl_time", "2023-04-02 09:30:00");
      m.put("dise_codg", "J06.9");
      m.put("pay_method", "FFS");
      m.put("drg_dip_code", "");
      m.put("case_points", "");
      m.put("special_case_flag", "0");
      m.put("refl_flag", "0");
      // 200.00 = 0 + 0 + 20 + 180 (self-pay parts + policy scope); 200 = fund 100 + acct 0 + cash 100
      m.put("medfee_sumamt", "200.00");
      m.put("fulamt_ownpay_amt", "0.00");
      m.put("overlmt_selfpay", "0.00");
      m.put("preselfpay_amt", "20.00");
      m.put("inscp_scp_amt", "180.00");
      m.put("hifp_pay", "100.00");
      m.put("hifmi_pay", "0.00");
      m.put("maf_pay", "0.00");
      m.put("oth_pay", "0.00");
      m.put("fund_pay_sumamt", "100.00");
      m.put("acct_pay", "0.00");
      m.put("psn_cash_pay", "100.00");
      m.put("orig_setl_id", "");
      return m;
    }

    /** The template with {@code changes} = column, value, column, value … */
    public static String row(String setlId, String... changes) {
      Map<String, String> m = template(setlId);
      for (int i = 0; i < changes.length; i += 2) {
        if (!m.containsKey(changes[i])) {
          throw new IllegalArgumentException("no column " + changes[i]);
        }
        m.put(changes[i], changes[i + 1]);
      }
      return String.join(",", m.values());
    }

    private Setl() {}
  }
}
