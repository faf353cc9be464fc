package org.yibao.lake.tests.budget;

import static org.yibao.lake.tests.Landing.Setl.row;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.yibao.lake.tests.Landing;

/**
 * A tiny landing set for the budget-input tests, ingested through the real pipeline. Province 990000,
 * city 990100, county 990101 with medical community MC1 (lead hospital H1, township T1) and a private
 * non-member H2. P1 is employee-insured (310), P2–P4 resident (390), all in 990101.
 *
 * <p>Two-disease registrations: P1 HTN; P2 HTN and DM (one patient with both); P3 DM from 2024-01-01;
 * P4 none. Family-doctor signing: P1 and P2 with T1 from 2022, P3 with H1 from 2024-02-01.
 *
 * <p>Settlements of batch {@link #B1}, all general outpatient (med_type 11, fee-for-service), amounts
 * medfee / hifp_pay:
 * <pre>
 * O1 P1 T1 2023-03-01 500 / 300    O4 P1 T1 2024-03-01   800 / 500    O8 P2 T1 2025-10-15 1000 / 700
 * O2 P2 T1 2023-04-01 600 / 400    O5 P2 T1 2024-04-01  1000 / 600       (the last date of the data)
 * O3 P4 T1 2023-05-01 200 / 100    O6 P3 H1 2024-06-01   300 / 200
 *                                  O7 P3 H2 2024-07-01   200 / 100
 *                                  O9 P4 T1 2024-11-20   700 / 400    (after the anniversary of 10-15)
 * </pre>
 * Inpatient stays at H1 in 2025 (med_type 21, fee-for-service), each medfee 1000.00 / hifp 600.00,
 * admission → discharge = settlement date, main diagnosis:
 * <pre>
 * I1 P3 06-01→06-05 C34.1   I2 P3 06-10→06-11 Z51.1 (chemotherapy: a planned readmission)
 * I3 P4 07-01→07-03 J18.0   I4 P4 07-10→07-12 J18.1 (7 days after I3: an unplanned readmission)
 * I5 P1 09-10→09-12 I21.0   (its 15-day window plus the 30-day settlement lag ends after 10-15: censored)
 * </pre>
 * The data ends on 2025-10-15: 2023 and 2024 are closed, 2025 is not. Batch {@link #B2} (landed
 * 2025-10-16) reverses O1 (2023, closed since the end of June 2024) and O8 (2025, open).
 */
public final class BudgetLanding {
  public static final String B1 = "2025-10-16";
  public static final String B2 = "2025-10-17";

  private BudgetLanding() {}

  /** A balanced general-outpatient settlement: medfee = in-scope; fund = hifp; cash = medfee − hifp. */
  static String outpatient(String id, String psn, String insutype, String fix, String date, String medfee,
                           String hifp) {
    String cash = new BigDecimal(medfee).subtract(new BigDecimal(hifp)).toPlainString();
    return row(id, "psn_no", psn, "insutype", insutype, "fixmedins_code", fix, "begndate", date, "enddate", date,
        "setl_time", date + " 09:00:00", "medfee_sumamt", medfee, "preselfpay_amt", "0.00", "inscp_scp_amt", medfee,
        "hifp_pay", hifp, "fund_pay_sumamt", hifp, "psn_cash_pay", cash);
  }

  /** An inpatient stay at H1 settled on its discharge day: medfee 1000 = in-scope; fund 600; cash 400. */
  static String stay(String id, String psn, String insutype, String begn, String end, String dise) {
    return row(id, "psn_no", psn, "insutype", insutype, "med_type", "21", "fixmedins_code", "H1", "begndate", begn,
        "enddate", end, "setl_time", end + " 10:00:00", "dise_codg", dise, "medfee_sumamt", "1000.00",
        "preselfpay_amt", "0.00", "inscp_scp_amt", "1000.00", "hifp_pay", "600.00", "fund_pay_sumamt", "600.00",
        "psn_cash_pay", "400.00");
  }

  /** The reversal of a general-outpatient settlement landed at {@code time}: every amount negated. */
  static String reversal(String id, String orig, String psn, String insutype, String fix, String date, String time,
                         String medfee, String hifp) {
    String cash = new BigDecimal(medfee).subtract(new BigDecimal(hifp)).toPlainString();
    return row(id, "psn_no", psn, "insutype", insutype, "fixmedins_code", fix, "begndate", date, "enddate", date,
        "setl_time", time, "medfee_sumamt", "-" + medfee, "preselfpay_amt", "0.00", "inscp_scp_amt", "-" + medfee,
        "hifp_pay", "-" + hifp, "fund_pay_sumamt", "-" + hifp, "psn_cash_pay", "-" + cash, "orig_setl_id", orig);
  }

  /** Batch 2: R1 reverses O1 of the closed year 2023, R8 reverses O8 of the open year 2025. */
  public static void writeReversals(Path root) {
    new Landing(root).batch("setl", B2, Landing.Setl.HEADER, List.of(
        reversal("R1", "O1", "P1", "310", "T1", "2023-03-01", "2025-10-16 08:00:00", "500.00", "300.00"),
        reversal("R8", "O8", "P2", "390", "T1", "2025-10-15", "2025-10-16 08:30:00", "1000.00", "700.00")));
  }

  public static Landing write(Path root) {
    Landing l = new Landing(root);
    l.batch("admdvs", B1, "admdvs,admdvs_name,admdvs_lv,prnt_admdvs", List.of(
        "990000,测试省,1,", "990100,云岭市,2,990000", "990101,青山县,3,990100"));
    l.batch("medcommunity", B1, "medcommunity_id,medcommunity_name,admdvs,lead_fixmedins_code,scheme_begn_year",
        List.of("MC1,青山县医共体,990101,H1,2023"));
    l.batch("medins", B1,
        "fixmedins_code,fixmedins_name,admdvs,hosp_lv,medins_type,medcommunity_id,lead_flag,aprv_bed_cnt,begndate,enddate",
        List.of("H1,青山县人民医院,990101,2,general,MC1,1,50,2015-01-01,",
            "T1,青山镇卫生院,990101,0,township,MC1,0,10,2015-01-01,",
            "H2,青山民营医院,990101,1,private,,0,20,2015-01-01,"));
    l.batch("psn", B1, "psn_no,psn_cert_type,certno,psn_name,gend,brdy", List.of(
        "P1,01,990101195001011234,张一,1,1950-01-01", "P2,01,990101196002022345,张二,2,1960-02-02",
        "P3,01,990101197003033456,张三,1,1970-03-03", "P4,01,990101198004044567,张四,2,1980-04-04"));
    l.batch("insu", B1, "psn_no,insutype,insuplc_admdvs,begndate,enddate,psn_type", List.of(
        "P1,310,990101,2020-01-01,,11", "P2,390,990101,2020-01-01,,21", "P3,390,990101,2020-01-01,,21",
        "P4,390,990101,2020-01-01,,21"));
    l.batch("chronic_reg", B1, "psn_no,dise_type,begndate,enddate", List.of(
        "P1,HTN,2020-01-01,", "P2,HTN,2020-01-01,", "P2,DM,2020-01-01,", "P3,DM,2024-01-01,"));
    l.batch("fd_sign", B1, "psn_no,fixmedins_code,begndate,enddate", List.of(
        "P1,T1,2022-01-01,", "P2,T1,2022-01-01,", "P3,H1,2024-02-01,"));
    List<String> revenue = new java.util.ArrayList<>();
    for (String region : List.of("990100", "990101")) {
      for (String insutype : List.of("310", "390")) {
        revenue.add(region + "," + insutype + ",2024,actual,100000.00");
        revenue.add(region + "," + insutype + ",2025,budget,105000.00");
      }
    }
    l.batch("fund_revenue", B1, "admdvs,insutype,year,kind,revenue", revenue);
    l.batch("setl", B1, Landing.Setl.HEADER, List.of(
        outpatient("O1", "P1", "310", "T1", "2023-03-01", "500.00", "300.00"),
        outpatient("O2", "P2", "390", "T1", "2023-04-01", "600.00", "400.00"),
        outpatient("O3", "P4", "390", "T1", "2023-05-01", "200.00", "100.00"),
        outpatient("O4", "P1", "310", "T1", "2024-03-01", "800.00", "500.00"),
        outpatient("O5", "P2", "390", "T1", "2024-04-01", "1000.00", "600.00"),
        outpatient("O6", "P3", "390", "H1", "2024-06-01", "300.00", "200.00"),
        outpatient("O7", "P3", "390", "H2", "2024-07-01", "200.00", "100.00"),
        outpatient("O8", "P2", "390", "T1", "2025-10-15", "1000.00", "700.00"),
        outpatient("O9", "P4", "390", "T1", "2024-11-20", "700.00", "400.00"),
        stay("I1", "P3", "390", "2025-06-01", "2025-06-05", "C34.1"),
        stay("I2", "P3", "390", "2025-06-10", "2025-06-11", "Z51.1"),
        stay("I3", "P4", "390", "2025-07-01", "2025-07-03", "J18.0"),
        stay("I4", "P4", "390", "2025-07-10", "2025-07-12", "J18.1"),
        stay("I5", "P1", "310", "2025-09-10", "2025-09-12", "I21.0")));
    return l;
  }
}
