package org.yibao.lake.generate;

/**
 * One {@code setl} row while it is simulated: dates as epoch days, amounts as cents, plus the
 * context needed to re-split the amounts for a correction. Mutable because ids are assigned only
 * after a person's settlements are sorted by time.
 */
final class Settlement {
  String setlId;
  String mdtrtId;
  String psnNo;
  String insutype;
  String medType;
  int dualChannel;
  Institution institution;
  String insuplcAdmdvs;
  int begnDay;
  int endDay;
  int setlDay;
  int setlSecond;
  String diseCodg;
  String payMethod;
  String drgDipCode;
  Long casePoints;
  int specialCase;
  int referral;
  long medfee;
  long fulamtOwnpay;
  long overlmtSelfpay;
  long preselfpay;
  long inscpScp;
  long hifp;
  long hifmi;
  long maf;
  long oth;
  long fundPay;
  long acct;
  long cash;
  String origSetlId;
  /** Index of the insured county, for revenue bookkeeping. */
  int insuredCountyIndex;

  Settlement copy() {
    Settlement s = new Settlement();
    s.setlId = setlId;
    s.mdtrtId = mdtrtId;
    s.psnNo = psnNo;
    s.insutype = insutype;
    s.medType = medType;
    s.dualChannel = dualChannel;
    s.institution = institution;
    s.insuplcAdmdvs = insuplcAdmdvs;
    s.begnDay = begnDay;
    s.endDay = endDay;
    s.setlDay = setlDay;
    s.setlSecond = setlSecond;
    s.diseCodg = diseCodg;
    s.payMethod = payMethod;
    s.drgDipCode = drgDipCode;
    s.casePoints = casePoints;
    s.specialCase = specialCase;
    s.referral = referral;
    s.medfee = medfee;
    s.fulamtOwnpay = fulamtOwnpay;
    s.overlmtSelfpay = overlmtSelfpay;
    s.preselfpay = preselfpay;
    s.inscpScp = inscpScp;
    s.hifp = hifp;
    s.hifmi = hifmi;
    s.maf = maf;
    s.oth = oth;
    s.fundPay = fundPay;
    s.acct = acct;
    s.cash = cash;
    s.origSetlId = origSetlId;
    s.insuredCountyIndex = insuredCountyIndex;
    return s;
  }

  /** Negates every amount (and the case points), as a reversal does. */
  void negate() {
    medfee = -medfee;
    fulamtOwnpay = -fulamtOwnpay;
    overlmtSelfpay = -overlmtSelfpay;
    preselfpay = -preselfpay;
    inscpScp = -inscpScp;
    hifp = -hifp;
    hifmi = -hifmi;
    maf = -maf;
    oth = -oth;
    fundPay = -fundPay;
    acct = -acct;
    cash = -cash;
    if (casePoints != null) {
      casePoints = -casePoints;
    }
  }

  boolean inpatient() {
    return medType.startsWith("2");
  }

  /** The row in {@link Tables#SETL} column order. */
  Object[] toRow() {
    return new Object[] {setlId, mdtrtId, psnNo, insutype, medType, dualChannel, institution.code(),
        insuplcAdmdvs, institution.admdvs(), begnDay, endDay, timestamp(setlDay, setlSecond), diseCodg, payMethod,
        drgDipCode, casePoints, specialCase, referral, medfee, fulamtOwnpay, overlmtSelfpay, preselfpay, inscpScp,
        hifp, hifmi, maf, oth, fundPay, acct, cash, origSetlId};
  }

  static String timestamp(int day, int secondOfDay) {
    StringBuilder sb = new StringBuilder(19).append(DateText.of(day)).append(' ');
    two(sb, secondOfDay / 3600);
    sb.append(':');
    two(sb, secondOfDay / 60 % 60);
    sb.append(':');
    two(sb, secondOfDay % 60);
    return sb.toString();
  }

  private static void two(StringBuilder sb, int n) {
    if (n < 10) {
      sb.append('0');
    }
    sb.append(n);
  }
}
