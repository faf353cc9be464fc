package org.yibao.lake.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.yibao.lake.generate.Institution.Kind;
import org.yibao.lake.generate.Person.Registration;
import org.yibao.lake.generate.Person.Spell;

/**
 * Simulates one person's settlements over the period, spell by spell so that every settlement
 * carries the insutype and insured place of the spell covering its date and none falls outside
 * enrolment or after Dec 31 of the last year. Visits and stays are Poisson counts rising with
 * age; costs and lengths of stay are log-normal by institution level, times a cost factor of the
 * insured county, insutype and month that the generator sets to put each county on its cost trend. Stays can chain: split stays at suspicious institutions (same hospital,
 * same diagnosis, 3-14 days later), transfers (same-day admission one level up, referral filed)
 * and ordinary readmissions after 20-90 days. Stays of one person never overlap.
 */
final class SettlementSimulator {
  private static final int MAX_CHAIN = 3;
  private static final int SPLIT = 2;
  private static final int SHORT_READMISSION_DAYS = 15;

  private final Institutions inst;
  private final CareSites sites;
  private final GeneratorProfile profile;
  private final Geography geo;
  private final int firstYear;
  private final int lastYear;
  private final int periodStart;
  private final int periodEnd;
  private final int dualChannelFromDay;
  /**
   * Cost factor by insured county, {@link #cell} (insutype, inpatient or not) and settlement month since
   * January of the first year; 1 until {@link #steer} sets it.
   */
  private final double[][][] steering;

  SettlementSimulator(Geography geo, Institutions inst, CareSites sites, GeneratorProfile profile, int firstYear,
                      int lastYear) {
    this.geo = geo;
    this.inst = inst;
    this.sites = sites;
    this.profile = profile;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.periodStart = (int) LocalDate.of(firstYear, 1, 1).toEpochDay();
    this.periodEnd = (int) LocalDate.of(lastYear, 12, 31).toEpochDay();
    this.dualChannelFromDay = (int) LocalDate.of(Math.max(firstYear, lastYear - 1), 1, 1).toEpochDay();
    this.steering = new double[geo.counties.size()][CELLS][12 * (lastYear - firstYear + 1)];
    for (double[][] county : steering) {
      for (double[] insutype : county) {
        java.util.Arrays.fill(insutype, 1.0);
      }
    }
  }

  /** Sets the cost factors by county, {@link #cell} and {@link #monthIndex} that put each county on its cost trend. */
  void steer(double[][][] factors) {
    for (int c = 0; c < steering.length; c++) {
      for (int t = 0; t < CELLS; t++) {
        System.arraycopy(factors[c][t], 0, steering[c][t], 0, steering[c][t].length);
      }
    }
  }

  /** Months since January of the first year of an epoch day. */
  int monthIndex(int day) {
    LocalDate d = LocalDate.ofEpochDay(day);
    return (d.getYear() - firstYear) * 12 + d.getMonthValue() - 1;
  }

  /**
   * Steering cells of a county: insutype (310, 390) × outpatient / inpatient × at an in-county institution
   * outside the medical community or not (the two parts of the community's budget scope, docs/policy.md §4).
   */
  static final int CELLS = 8;

  static int cell(String insutype, boolean inpatient, Institution where, int insuredCounty) {
    boolean nonMember = where.countyIndex() == insuredCounty && where.communityId().isEmpty();
    return (insutype.equals("310") ? 0 : CELLS / 2) + (inpatient ? 2 : 0) + (nonMember ? 1 : 0);
  }

  /** The person's settlements in time order, with ids assigned in that order. */
  List<Settlement> simulate(Person p, SplittableRandom rng) {
    Context ctx = new Context(p, rng);
    int birthYear = LocalDate.ofEpochDay(p.birthDay()).getYear();
    boolean htn = p.hasRegistration("HTN");
    boolean dm = p.hasRegistration("DM");
    for (Spell sp : p.spells()) {
      for (int y = firstYear; y <= lastYear; y++) {
        int from = Math.max(sp.begnDay(), (int) LocalDate.of(y, 1, 1).toEpochDay());
        int to = Math.min(Math.min(sp.endDay(), periodEnd), (int) LocalDate.of(y, 12, 31).toEpochDay());
        if (to < from) {
          continue;
        }
        double years = (to - from + 1) / 365.0;
        int age = y - birthYear;
        int decade = Math.min(8, age / 10);
        ctx.spell = sp;
        int stays = poisson(profile.inpatientByDecade()[decade] * years * (htn || dm ? 1.3 : 1.0), rng);
        for (int i = 0; i < stays; i++) {
          Diseases.Inpatient d = Diseases.inpatient(age, p.male(), htn, dm, rng);
          int admission = from + rng.nextInt(to - from + 1);
          stayChain(ctx, d, sites.inpatient(sp.county(), d.severity(), admission, rng), admission, 0, 0);
        }
        if (p.hasRegistration("MH")) {
          int psych = poisson(0.8 * years, rng);
          for (int i = 0; i < psych; i++) {
            stay(ctx, Diseases.SCHIZOPHRENIA, sites.cityNet(sp.county()).psychiatric(),
                from + rng.nextInt(to - from + 1), 0);
          }
        }
        int visits = poisson(profile.outpatientByDecade()[decade] * years, rng);
        for (int i = 0; i < visits; i++) {
          outpatientVisit(ctx, age, from + rng.nextInt(to - from + 1));
        }
        for (Registration r : p.registrations()) {
          int rf = Math.max(from, r.begnDay());
          int rt = Math.min(to, r.endDay());
          if (rt < rf) {
            continue;
          }
          double perYear = switch (r.diseType()) {
            case "CKD5" -> 24;
            case "MH" -> 12;
            default -> profile.chronicVisitsPerYear();
          };
          int n = poisson(perYear * (rt - rf + 1) / 365.0, rng);
          for (int i = 0; i < n; i++) {
            chronicVisit(ctx, r.diseType(), rf + rng.nextInt(rt - rf + 1));
          }
        }
      }
    }
    List<Settlement> out = ctx.settlements;
    out.sort(Comparator.comparingInt((Settlement s) -> s.setlDay).thenComparingInt(s -> s.setlSecond));
    String prefix = profile.provinceCode() + DateText.zeroPadded(p.index(), 9);
    for (int i = 0; i < out.size(); i++) {
      String digits = prefix + DateText.zeroPadded(i + 1, 5);
      out.get(i).setlId = "S" + digits;
      out.get(i).mdtrtId = "M" + digits;
    }
    return out;
  }

  private void stayChain(Context ctx, Diseases.Inpatient d, Institution where, int admission, int referral,
                         int depth) {
    Settlement s = stay(ctx, d, where, admission, referral);
    if (s == null || depth >= MAX_CHAIN) {
      return;
    }
    SplittableRandom rng = ctx.rng;
    if (inst.isSuspicious(where) && rng.nextDouble() < profile.splitStayRate()) {
      stayChain(ctx, d, where, s.endDay + 3 + rng.nextInt(12), SPLIT, depth + 1);
    } else if (rng.nextDouble() < profile.transferRate() && where.inProvince() && where.kind() != Kind.TERTIARY) {
      stayChain(ctx, d, sites.higher(where, ctx.spell.county(), rng), s.endDay, 1, depth + 1);
    } else if (rng.nextDouble() < profile.readmissionRate()) {
      Diseases.Inpatient next = rng.nextBoolean() ? d
          : Diseases.inpatient(60, ctx.person.male(), false, false, rng);
      int again = s.endDay + 20 + rng.nextInt(71);
      stayChain(ctx, next, sites.inpatient(ctx.spell.county(), next.severity(), again, rng), again, 0, depth + 1);
    }
  }

  /**
   * One inpatient stay, or null when it cannot fit in the spell, overlaps another stay of the person or,
   * unless it is a planted split stay, begins or ends within {@link #SHORT_READMISSION_DAYS} of another
   * stay of the person at the same institution. A real hospital's 15-day same-institution readmissions are
   * a per cent or two, far below the 5 % threshold of docs/policy.md §9; in a province of a few thousand
   * persons one chance pair in a township of seven discharges would read as 14 %, so the short
   * same-institution readmissions are left to the institutions planted for them.
   *
   * @param referral 1 for a transfer (referral filed), {@link #SPLIT} for a planted split stay, else 0
   */
  private Settlement stay(Context ctx, Diseases.Inpatient d, Institution where, int admission, int referral) {
    SplittableRandom rng = ctx.rng;
    Spell sp = ctx.spell;
    boolean psychiatric = where.kind() == Kind.PSYCHIATRIC;
    int los = psychiatric ? 30 + rng.nextInt(91)
        : (int) Math.max(1, Math.round(d.losDays() * losFactor(where.kind()) * logNormal(0.4, rng)));
    int lag = rng.nextInt(3);
    int limit = Math.min(sp.endDay(), periodEnd);
    int over = admission + los + lag - limit;
    if (over > 0) {
      admission -= over;
    }
    int windowStart = Math.max(sp.begnDay(), periodStart);
    if (admission < windowStart || admission < where.begnDay() || admission + los > where.endDay()) {
      return null;
    }
    for (int k = 0; k < ctx.stays.size(); k++) {
      int[] busy = ctx.stays.get(k);
      if (admission < busy[1] && admission + los > busy[0]) {
        return null;
      }
      if (referral != SPLIT && ctx.stayPlaces.get(k).equals(where) && admission + los + SHORT_READMISSION_DAYS >= busy[0]
          && busy[1] + SHORT_READMISSION_DAYS >= admission) {
        return null;
      }
    }
    ctx.stays.add(new int[] {admission, admission + los});
    ctx.stayPlaces.add(where);
    Settlement s = base(ctx, "21", where, admission, admission + los, admission + los + lag,
        9 * 3600 + rng.nextInt(8 * 3600));
    s.diseCodg = d.icd();
    s.referral = referral == 1 ? 1 : referralFlag(where, sp, rng);
    double mean = psychiatric ? (280 + rng.nextInt(141)) * los : inpatientMean(where) * d.weight();
    s.medfee = cents(mean * (psychiatric ? 1 : logNormal(0.55, rng)) * cost(ctx, where, s.setlDay, true));
    if (psychiatric) {
      s.payMethod = "BED_DAY";
    } else if (where.kind() == Kind.TOWNSHIP || where.kind() == Kind.PRIVATE || !where.inProvince()) {
      s.payMethod = "FFS";
    } else {
      boolean drg = geo.cities.get(where.cityIndex()).drg();
      s.payMethod = drg ? "DRG" : "DIP";
      // special cases (特例单议: complex, costly stays) come from level-3 hospitals, and from the planted outlier
      int specialPermille = where.code().equals(inst.specialCaseOutlier) ? profile.specialCaseOutlierPermille()
          : where.kind() != Kind.TERTIARY ? 0 : drg ? profile.specialCaseDrgPermille() : profile.specialCaseDipPermille();
      if (rng.nextInt(1000) < specialPermille) {
        s.specialCase = 1;
        s.medfee = s.medfee * 5 / 2;
      }
      if (drg) {
        s.drgDipCode = d.drg();
        double coefficient = where.kind() == Kind.TERTIARY ? 1.3 : 1.0;
        s.casePoints = Math.round(d.weight() * coefficient * (0.9 + 0.2 * rng.nextDouble()) * 10_000);
      } else {
        s.drgDipCode = d.dip();
        s.casePoints = Money.permille(s.medfee / 10, 900 + rng.nextInt(201));
      }
    }
    AmountSplitter.split(s, ctx.person.employee(), ctx.person.assistance(), false, rng);
    return s;
  }

  private void outpatientVisit(Context ctx, int age, int day) {
    SplittableRandom rng = ctx.rng;
    boolean emergency = rng.nextDouble() < profile.emergencyShare();
    Institution where = emergency ? sites.emergency(ctx.spell.county(), rng)
        : sites.outpatient(ctx.spell.county(), day, rng);
    Settlement s = base(ctx, emergency ? "13" : "11", where, day, day, day, 8 * 3600 + rng.nextInt(12 * 3600));
    s.diseCodg = Diseases.outpatient(age, rng);
    double mean = outpatientMean(where) * (emergency ? 1.8 : 1.0);
    if (day >= dualChannelFromDay && !where.hospLv().equals("0") && where.kind() != Kind.PRIVATE
        && rng.nextDouble() < profile.dualChannelShare()) {
      s.dualChannel = 1;
      s.diseCodg = Diseases.dualChannel(rng);
      mean = 1_500 + rng.nextInt(7_500);
    }
    s.medfee = cents(mean * logNormal(0.6, rng) * cost(ctx, where, day, false));
    s.payMethod = "FFS";
    AmountSplitter.split(s, ctx.person.employee(), false, false, rng);
  }

  private void chronicVisit(Context ctx, String diseType, int day) {
    SplittableRandom rng = ctx.rng;
    Person p = ctx.person;
    boolean twoDisease = diseType.equals("HTN") || diseType.equals("DM");
    boolean capitation = twoDisease && p.signing() != null && p.signing().activeOn(day)
        && p.signing().institution().openOn(day) && p.signing().institution().countyIndex()
        == ctx.spell.county().index() && rng.nextInt(10) < 8;
    Institution where = capitation ? p.signing().institution() : sites.chronic(ctx.spell.county(), diseType, rng);
    Settlement s = base(ctx, "14", where, day, day, day, 8 * 3600 + rng.nextInt(10 * 3600));
    s.diseCodg = Diseases.chronic(diseType);
    double mean = switch (diseType) {
      case "CKD5" -> 2_000;
      case "MH" -> 400;
      case "DM" -> outpatientMean(where) * 1.4 + 60;
      case "COPD" -> outpatientMean(where) * 1.3 + 40;
      default -> outpatientMean(where) + 40;
    };
    s.medfee = cents(mean * logNormal(0.45, rng) * cost(ctx, where, day, false));
    s.payMethod = capitation ? "CAPITATION" : "FFS";
    AmountSplitter.split(s, p.employee(), false, capitation, rng);
  }

  private Settlement base(Context ctx, String medType, Institution where, int begin, int end, int setlDay,
                          int second) {
    Settlement s = new Settlement();
    Spell sp = ctx.spell;
    s.psnNo = ctx.person.psnNo();
    s.insutype = sp.insutype();
    s.medType = medType;
    s.institution = where;
    s.insuplcAdmdvs = sp.county().division().code();
    s.insuredCountyIndex = sp.county().index();
    s.begnDay = begin;
    s.endDay = end;
    s.setlDay = setlDay;
    s.setlSecond = second;
    ctx.settlements.add(s);
    return s;
  }

  private int referralFlag(Institution where, Spell sp, SplittableRandom rng) {
    if (where.kind() != Kind.TERTIARY && where.inProvince()) {
      return 0;
    }
    boolean local = where.countyIndex() == sp.county().index();
    return rng.nextInt(10) < (local ? 1 : 8) ? 1 : 0;
  }

  /** Cost factor of the person's insured county, insutype and care in the month a settlement is dated. */
  private double cost(Context ctx, Institution where, int setlDay, boolean inpatient) {
    int county = ctx.spell.county().index();
    return steering[county][cell(ctx.spell.insutype(), inpatient, where, county)][monthIndex(setlDay)];
  }

  private double inpatientMean(Institution where) {
    return switch (where.kind()) {
      case VILLAGE, TOWNSHIP -> 3_000;
      case COUNTY_HOSPITAL -> 9_000;
      case TCM, PRIVATE -> 7_500;
      case PSYCHIATRIC -> 8_000;
      case TERTIARY -> where.cityIndex() == 0 ? 22_500 : 18_000;
      case OUT_OF_PROVINCE -> 28_000;
    };
  }

  private static double outpatientMean(Institution where) {
    return switch (where.kind()) {
      case VILLAGE -> 45;
      case TOWNSHIP -> 95;
      case COUNTY_HOSPITAL -> 230;
      case TCM -> 180;
      case PRIVATE -> 210;
      case TERTIARY -> 380;
      case PSYCHIATRIC -> 300;
      case OUT_OF_PROVINCE -> 600;
    };
  }

  private static double losFactor(Kind kind) {
    return switch (kind) {
      case TOWNSHIP, VILLAGE -> 0.8;
      case TCM, TERTIARY -> 1.1;
      default -> 1.0;
    };
  }

  /**
   * The one place a simulated amount leaves floating point: a random cost draw becomes whole
   * cents, at least 5 yuan. Everything written afterwards is integer arithmetic on cents.
   */
  private static long cents(double yuan) {
    return Math.max(500, Math.round(yuan * 100));
  }

  /** A log-normal factor with mean 1. */
  private static double logNormal(double sigma, SplittableRandom rng) {
    return Math.exp(sigma * rng.nextGaussian() - sigma * sigma / 2);
  }

  static int poisson(double lambda, SplittableRandom rng) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.nextGaussian()));
    }
    double limit = Math.exp(-lambda);
    double product = rng.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      n++;
    }
    return n;
  }

  /** Per-person simulation state. */
  private static final class Context {
    final Person person;
    final SplittableRandom rng;
    final List<Settlement> settlements = new ArrayList<>();
    final List<int[]> stays = new ArrayList<>();
    final List<Institution> stayPlaces = new ArrayList<>();
    Spell spell;

    Context(Person person, SplittableRandom rng) {
      this.person = person;
      this.rng = rng;
    }
  }
}
