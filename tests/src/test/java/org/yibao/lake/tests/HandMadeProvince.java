package org.yibao.lake.tests;

import static org.yibao.lake.tests.Landing.Setl.row;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny hand-made landing set that hits every contract rule once. Province 990000, city 990100,
 * counties 990101 and 990102; out-of-province 110000.
 *
 * <p>Batch {@code 2024-01-01}: three clean settlements S001 (inpatient, medfee 10,000.00, hifp
 * 7,000.00), S002 (outpatient 200.00 / 100.00), S003 (inpatient 5,000.00 / 2,400.00); S002 again
 * (duplicate in batch); S115 (unknown pay_method, only a warning: 200.00 / 100.00); and one bad row
 * per quarantine rule (16 rows). Batch {@code 2024-01-02}: S003 corrected (hifp 2,500.00), S002 a
 * third time (duplicate across batches), R001 reversing S001.
 */
public final class HandMadeProvince {
  public static final String B1 = "2024-01-01";
  public static final String B2 = "2024-01-02";

  /** The bad rows of batch 1: expected reason code → row (each breaks exactly that rule). */
  public static final List<String[]> BAD_SETL = List.of(
      new String[] {"malformed_row", "S100,MS100,P002,390"},
      new String[] {"bad_date", row("S102", "begndate", "2023-13-45")},
      // unparseable medfee: not counted in landed money (it has none)
      new String[] {"bad_amount", row("S103", "medfee_sumamt", "20O.00")},
      new String[] {"bad_int", row("S104", "dual_channel_flag", "x")},
      new String[] {"missing_key", row("")},
      // 300 != 100 + 0 + 100
      new String[] {"medfee_balance", row("S105", "medfee_sumamt", "300.00", "inscp_scp_amt", "280.00")},
      // fund 150 != 100 + 0 + 0 + 0, while medfee 200 = 150 + 0 + 50 holds
      new String[] {"fund_balance", row("S106", "fund_pay_sumamt", "150.00", "psn_cash_pay", "50.00")},
      // fund 100 = 100 + 10 + 0 - 10 holds, but oth_pay is negative on a non-reversal
      new String[] {"negative_amount", row("S107", "hifmi_pay", "10.00", "oth_pay", "-10.00")},
      new String[] {"date_order", row("S108", "begndate", "2023-04-05")},
      new String[] {"unknown_insutype", row("S109", "insutype", "350")},
      new String[] {"unknown_med_type", row("S110", "med_type", "99")},
      new String[] {"unknown_medins", row("S111", "fixmedins_code", "H000000000")},
      // H990101009 closed on 2023-06-30; a stay ending 2023-08-01 there is not valid
      new String[] {"unknown_medins", row("S116", "fixmedins_code", "H990101009", "begndate", "2023-08-01",
          "enddate", "2023-08-01", "setl_time", "2023-08-01 10:00:00")},
      new String[] {"unknown_insuplc", row("S112", "insuplc_admdvs", "990199")},
      new String[] {"unknown_mdtrtarea", row("S113", "mdtrtarea_admdvs", "990188")},
      new String[] {"reversal_orphan", row("S114", "orig_setl_id", "S999", "medfee_sumamt", "-200.00",
          "preselfpay_amt", "-20.00", "inscp_scp_amt", "-180.00", "hifp_pay", "-100.00", "fund_pay_sumamt",
          "-100.00", "psn_cash_pay", "-100.00")});

  // S001: 10000 = 500 + 100 + 400 + 9000; fund 7500 = 7000 + 500; 10000 = 7500 + 1000 + 1500
  static final String S001 = row("S001", "psn_no", "P001", "insutype", "310", "med_type", "21",
      "fixmedins_code", "H990101001", "begndate", "2023-03-01", "enddate", "2023-03-08",
      "setl_time", "2023-03-08 10:00:00", "dise_codg", "I63.9", "pay_method", "DIP", "drg_dip_code", "I63.9-01",
      "case_points", "850.00", "medfee_sumamt", "10000.00", "fulamt_ownpay_amt", "500.00", "overlmt_selfpay",
      "100.00", "preselfpay_amt", "400.00", "inscp_scp_amt", "9000.00", "hifp_pay", "7000.00", "hifmi_pay",
      "500.00", "fund_pay_sumamt", "7500.00", "acct_pay", "1000.00", "psn_cash_pay", "1500.00");
  static final String S002 = row("S002");
  // S003: 5000 = 1000 + 4000; fund 2400; 5000 = 2400 + 0 + 2600 (treated in the other county)
  static final String S003 = s003("2400.00", "2600.00");
  // correction of S003 in batch 2: hifp 2500, cash 2500 (5000 = 2500 + 0 + 2500)
  static final String S003_CORRECTED = s003("2500.00", "2500.00");
  static final String S115 = row("S115", "pay_method", "XYZ");
  // R001 reverses S001: every amount negated
  static final String R001 = row("R001", "psn_no", "P001", "insutype", "310", "med_type", "21",
      "fixmedins_code", "H990101001", "begndate", "2023-03-01", "enddate", "2023-03-08",
      "setl_time", "2023-03-10 10:00:00", "dise_codg", "I63.9", "pay_method", "DIP", "drg_dip_code", "I63.9-01",
      "case_points", "-850.00", "medfee_sumamt", "-10000.00", "fulamt_ownpay_amt", "-500.00", "overlmt_selfpay",
      "-100.00", "preselfpay_amt", "-400.00", "inscp_scp_amt", "-9000.00", "hifp_pay", "-7000.00", "hifmi_pay",
      "-500.00", "fund_pay_sumamt", "-7500.00", "acct_pay", "-1000.00", "psn_cash_pay", "-1500.00",
      "orig_setl_id", "S001");

  private HandMadeProvince() {}

  private static String s003(String hifp, String cash) {
    return row("S003", "med_type", "21", "fixmedins_code", "H990102001", "mdtrtarea_admdvs", "990102",
        "begndate", "2023-05-01", "enddate", "2023-05-05", "setl_time", "2023-05-05 16:00:00",
        "fulamt_ownpay_amt", "1000.00", "preselfpay_amt", "0.00", "inscp_scp_amt", "4000.00",
        "medfee_sumamt", "5000.00", "hifp_pay", hifp, "fund_pay_sumamt", hifp, "psn_cash_pay", cash);
  }

  public static Landing write(Path root) {
    Landing l = new Landing(root);
    l.batch("admdvs", B1, "admdvs,admdvs_name,admdvs_lv,prnt_admdvs", List.of(
        "990000,测试省,1,", "990100,云岭市,2,990000", "990101,青山县,3,990100", "990102,绿水县,3,990100",
        "110000,北京市,1,"));
    l.batch("medcommunity", B1, "medcommunity_id,medcommunity_name,admdvs,lead_fixmedins_code,scheme_begn_year",
        List.of("MC990101,青山县医共体,990101,H990101001,2024"));
    l.batch("medins", B1,
        "fixmedins_code,fixmedins_name,admdvs,hosp_lv,medins_type,medcommunity_id,lead_flag,aprv_bed_cnt,begndate,enddate",
        List.of("H990101001,青山县人民医院,990101,2,general,MC990101,1,300,2015-01-01,",
            "H990101002,青山镇卫生院,990101,0,township,MC990101,0,30,2015-01-01,",
            "H990102001,绿水民营医院,990102,1,private,,0,80,2015-01-01,",
            "H990101009,已关闭诊所,990101,0,village,MC990101,0,0,2015-01-01,2023-06-30"));
    List<byte[]> psn = new ArrayList<>();
    psn.add("psn_no,psn_cert_type,certno,psn_name,gend,brdy".getBytes(StandardCharsets.UTF_8));
    psn.add("P001,01,990101195001011234,张三,1,1950-01-01".getBytes(StandardCharsets.UTF_8));
    psn.add("P002,01,990101198502022345,李四,2,1985-02-02".getBytes(StandardCharsets.UTF_8));
    // a name in bytes that are not UTF-8: decodes to U+FFFD and must be quarantined as bad_encoding
    byte[] bad = concat("P003,01,990102199003033456,".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xFF, (byte) 0xFE}, ",1,1990-03-03".getBytes(StandardCharsets.UTF_8));
    psn.add(bad);
    l.raw("psn", B1, psn, true);
    l.batch("insu", B1, "psn_no,insutype,insuplc_admdvs,begndate,enddate,psn_type", List.of(
        "P001,310,990101,2020-01-01,,12", "P002,390,990101,2020-01-01,,21"));
    l.batch("fund_revenue", B1, "admdvs,insutype,year,kind,revenue", List.of(
        "990100,310,2023,actual,1000000.00", "990100,390,2023,actual,2000000.00"));

    List<String> b1 = new ArrayList<>(List.of(S001, S002, S003, S002, S115));
    BAD_SETL.forEach(b -> b1.add(b[1]));
    l.batch("setl", B1, Landing.Setl.HEADER, b1);
    l.batch("setl", B2, Landing.Setl.HEADER, List.of(S003_CORRECTED, S002, R001));
    return l;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int i = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }
}
