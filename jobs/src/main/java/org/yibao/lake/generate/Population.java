package org.yibao.lake.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.yibao.lake.generate.Geography.County;
import org.yibao.lake.generate.Institutions.CountyNetwork;
import org.yibao.lake.generate.Person.Registration;
import org.yibao.lake.generate.Person.Signing;
import org.yibao.lake.generate.Person.Spell;

/**
 * Creates persons one at a time from their index and their own random stream: an ageing age
 * pyramid, an 18-character identity number with a valid check character, employee (about a
 * quarter) or resident insurance, enrolment churn and moves between counties, chronic
 * registrations rising with age, and family-doctor signing favouring the elderly and two-disease
 * patients.
 */
final class Population {
  private static final int[] CERT_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CERT_CHECK = "10X98765432";

  private final Geography geo;
  private final Institutions institutions;
  private final GeneratorProfile profile;
  private final int periodStart;
  private final int periodEnd;
  private final double[] ageCumulative;

  Population(Geography geo, Institutions institutions, GeneratorProfile profile, int firstYear, int lastYear) {
    this.geo = geo;
    this.institutions = institutions;
    this.profile = profile;
    this.periodStart = (int) LocalDate.of(firstYear, 1, 1).toEpochDay();
    this.periodEnd = (int) LocalDate.of(lastYear, 12, 31).toEpochDay();
    double[] w = profile.ageBandWeights();
    ageCumulative = new double[w.length];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += w[i];
      ageCumulative[i] = sum;
    }
    for (int i = 0; i < w.length; i++) {
      ageCumulative[i] /= sum;
    }
  }

  Person create(int index, SplittableRandom rng) {
    County home = geo.countyOfPerson(index);
    int band = 0;
    double u = rng.nextDouble();
    while (band < ageCumulative.length - 1 && u > ageCumulative[band]) {
      band++;
    }
    int age = band * 5 + rng.nextInt(5);
    LocalDate birth = LocalDate.ofEpochDay(periodStart).minusYears(age).minusDays(1 + rng.nextInt(364));
    boolean male = rng.nextBoolean();
    String name = Names.person(rng, male);
    String certno = certno(home.division().code(), birth, index, male);
    String psnNo = "P" + profile.provinceCode() + String.format("%010d", (index * 7_919L + 1_000_003L) % 10_000_000_000L);

    List<Spell> spells = spells(home, age, (int) birth.toEpochDay(), rng);
    List<Registration> regs = registrations(age, spells, rng);
    Signing signing = signing(home, age, regs, spells, rng);
    boolean assistance = spells.get(0).insutype().equals("390") && rng.nextDouble() < profile.assistanceRate();
    return new Person(index, psnNo, certno, name, male, (int) birth.toEpochDay(), List.copyOf(spells), regs,
        signing, assistance);
  }

  private List<Spell> spells(County home, int age, int birthDay, SplittableRandom rng) {
    String insutype;
    String psnType;
    if (age >= 18 && age < 60 && rng.nextDouble() < profile.employeeShareWorking()) {
      insutype = "310";
      psnType = "11";
    } else if (age >= 60 && rng.nextDouble() < profile.employeeShareRetired()) {
      insutype = "310";
      psnType = "12";
    } else {
      insutype = "390";
      psnType = age < 18 ? "22" : age < 60 ? "21" : "23";
    }
    int span = periodEnd - periodStart;
    int begin;
    if (rng.nextDouble() < profile.lateEnrolmentRate()) {
      begin = periodStart + rng.nextInt(span - 30);
    } else {
      int earliest = Math.max(birthDay, (int) LocalDate.of(2008, 1, 1).toEpochDay());
      begin = earliest >= periodStart - 1 ? periodStart - 1 : earliest + rng.nextInt(periodStart - earliest);
    }
    int end = Integer.MAX_VALUE;
    if (rng.nextDouble() < profile.dropOutRate() && periodEnd - begin > 60) {
      end = begin + 30 + rng.nextInt(periodEnd - begin - 30);
    }
    List<Spell> spells = new ArrayList<>(2);
    int lastDay = Math.min(end, periodEnd);
    int moveFrom = Math.max(begin, periodStart) + 60;
    if (geo.counties.size() > 1 && rng.nextDouble() < profile.moveRate() && lastDay - moveFrom > 60) {
      int moveDay = moveFrom + rng.nextInt(lastDay - moveFrom - 60);
      County target = otherCounty(home, rng);
      spells.add(new Spell(insutype, psnType, home, begin, moveDay - 1));
      spells.add(new Spell(insutype, psnType, target, moveDay, end));
    } else {
      spells.add(new Spell(insutype, psnType, home, begin, end));
    }
    return spells;
  }

  /** Another county, in the same city seven times in ten when the city has one. */
  County otherCounty(County from, SplittableRandom rng) {
    List<County> sameCity = geo.cityOf(from).counties();
    if (sameCity.size() > 1 && rng.nextInt(10) < 7) {
      County c = sameCity.get(rng.nextInt(sameCity.size()));
      return c == from ? sameCity.get((sameCity.indexOf(c) + 1) % sameCity.size()) : c;
    }
    County c = geo.counties.get(rng.nextInt(geo.counties.size()));
    return c == from ? geo.counties.get((c.index() + 1) % geo.counties.size()) : c;
  }

  private List<Registration> registrations(int age, List<Spell> spells, SplittableRandom rng) {
    int decade = Math.min(8, age / 10);
    List<Registration> regs = new ArrayList<>(2);
    maybeRegister(regs, "HTN", profile.htnByDecade()[decade], spells, rng);
    maybeRegister(regs, "DM", profile.dmByDecade()[decade], spells, rng);
    maybeRegister(regs, "COPD", age >= 60 ? 0.03 : 0, spells, rng);
    maybeRegister(regs, "CKD5", age >= 30 ? 0.001 : 0, spells, rng);
    maybeRegister(regs, "MH", age >= 18 ? 0.004 : 0, spells, rng);
    return List.copyOf(regs);
  }

  /**
   * Registered from a day in the three years before the period (85 %) or within it, never before
   * enrolment, until enrolment ends.
   */
  private void maybeRegister(List<Registration> regs, String type, double p, List<Spell> spells,
                             SplittableRandom rng) {
    if (p <= 0 || rng.nextDouble() >= p) {
      return;
    }
    int from = Math.max(spells.get(0).begnDay(), periodStart - 3 * 365);
    int to = Math.min(spells.get(spells.size() - 1).endDay(), periodEnd - 30);
    if (to <= from) {
      return;
    }
    int end = spells.get(spells.size() - 1).endDay();
    // most patients of a year were registered before it: prevalence rises by a few per cent a year
    int day;
    if (from < periodStart && rng.nextInt(100) < 85) {
      day = from + rng.nextInt(periodStart - from);
    } else {
      int lo = Math.max(from, periodStart);
      if (to <= lo) {
        return;
      }
      day = lo + rng.nextInt(to - lo);
    }
    regs.add(new Registration(type, day, end));
  }

  private Signing signing(County home, int age, List<Registration> regs, List<Spell> spells,
                          SplittableRandom rng) {
    boolean twoDisease = regs.stream().anyMatch(r -> r.diseType().equals("HTN") || r.diseType().equals("DM"));
    double p = twoDisease ? profile.signTwoDisease() : age >= 60 ? profile.signElderly() : profile.signBase();
    if (rng.nextDouble() >= p) {
      return null;
    }
    CountyNetwork net = institutions.network(home.index());
    List<Institution> sites = new ArrayList<>(net.townships());
    net.villages().stream().filter(v -> v.endDay() == Integer.MAX_VALUE).forEach(sites::add);
    Institution site = sites.get(rng.nextInt(sites.size()));
    Spell first = spells.get(0);
    int from = Math.max(first.begnDay(), periodStart - 2 * 365);
    int to = Math.min(first.endDay(), periodEnd - 180);
    if (to <= from) {
      return null;
    }
    int begin = from + rng.nextInt(to - from);
    if (twoDisease) {
      int regDay = regs.stream().mapToInt(Registration::begnDay).min().orElse(begin);
      begin = Math.max(begin, regDay);
      if (begin > to) {
        return null;
      }
    }
    return new Signing(site, begin, first.endDay());
  }

  private static String certno(String county, LocalDate birth, int index, boolean male) {
    int seq = (index % 499) * 2 + (male ? 1 : 2);
    String body = county + String.format("%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
        birth.getDayOfMonth(), seq);
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * CERT_WEIGHTS[i];
    }
    return body + CERT_CHECK.charAt(sum % 11);
  }
}
