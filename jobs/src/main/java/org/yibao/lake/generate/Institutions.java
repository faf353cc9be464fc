package org.yibao.lake.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.yibao.lake.generate.Geography.City;
import org.yibao.lake.generate.Geography.County;
import org.yibao.lake.generate.Institution.Kind;

/**
 * The institution network: per county a people's hospital leading the county medical community,
 * sometimes a TCM hospital, township health centres and village clinics (all members), and a
 * private hospital (not a member); per city level-3 general hospitals in the urban district (more in
 * the capital) and one psychiatric hospital; a few out-of-province hospitals. One village clinic
 * closes in the middle of the period and is never used after its end date. The planted anomalies:
 * two or three institutions are marked suspicious (split stays), one is given too many special
 * cases, one rural county loses inpatients to a city hospital from the last year on (siphoning) and
 * another has a cost spike in the last year; each anomaly sits in a different county where the
 * province has enough of them.
 */
final class Institutions {

  /** A county's own network and its medical community. */
  record CountyNetwork(County county, String communityId, String communityName, int schemeBeginYear,
                       Institution hospital, Institution tcm, List<Institution> townships,
                       List<Institution> villages, Institution privateHospital) {
  }

  record CityNetwork(City city, List<Institution> tertiaries, Institution psychiatric) {
  }

  final List<CountyNetwork> counties = new ArrayList<>();
  final List<CityNetwork> cities = new ArrayList<>();
  final List<Institution> outOfProvince = new ArrayList<>();
  final List<Institution> all = new ArrayList<>();
  final List<String> suspicious = new ArrayList<>();
  final String specialCaseOutlier;
  /** County whose inpatients a city hospital draws from {@link #siphonFromYear} on; -1 for none. */
  final int siphonedCounty;
  final Institution siphonHospital;
  final int siphonFromYear;
  /** County whose cost growth spikes in the last year; -1 for none (a one-year period). */
  final int spikeCounty;

  Institutions(Geography geo, int firstYear, int lastYear, int persons, SplittableRandom rng) {
    int open = (int) LocalDate.of(2015, 1, 1).toEpochDay();
    int[] seq = new int[geo.counties.size()];
    boolean small = persons / geo.counties.size() < 2_000;
    for (County c : geo.counties) {
      String cc = c.division().code();
      String countyName = c.division().name();
      String stem = Names.stem(countyName);
      String mc = "MC" + cc;
      Institution hospital = add(new Institution(code(cc, ++seq[c.index()]), countyName + "人民医院", cc,
          Kind.COUNTY_HOSPITAL, "2", mc, true, 300 + rng.nextInt(501), open, Integer.MAX_VALUE, c.index(),
          c.cityIndex()));
      Institution tcm = rng.nextInt(10) < 6
          ? add(new Institution(code(cc, ++seq[c.index()]), countyName + "中医医院", cc, Kind.TCM, "2", mc, false,
              100 + rng.nextInt(201), open, Integer.MAX_VALUE, c.index(), c.cityIndex()))
          : null;
      int townshipCount = small ? 2 + rng.nextInt(3) : 4 + rng.nextInt(5);
      List<Institution> townships = new ArrayList<>();
      List<Institution> villages = new ArrayList<>();
      for (int t = 0; t < townshipCount; t++) {
        String town = Names.township(stem, t);
        townships.add(add(new Institution(code(cc, ++seq[c.index()]), town + "卫生院", cc, Kind.TOWNSHIP, "0", mc,
            false, 20 + rng.nextInt(41), open, Integer.MAX_VALUE, c.index(), c.cityIndex())));
        int villageCount = small ? 1 + rng.nextInt(2) : 2 + rng.nextInt(3);
        for (int v = 0; v < villageCount; v++) {
          villages.add(add(new Institution(code(cc, ++seq[c.index()]), town + "甲乙丙丁".charAt(v) + "村卫生室", cc,
              Kind.VILLAGE, "0", mc, false, 0, open, Integer.MAX_VALUE, c.index(), c.cityIndex())));
        }
      }
      if (c.index() == 0) {
        Institution last = villages.remove(villages.size() - 1);
        int closing = (int) LocalDate.of(Math.min(firstYear + 1, lastYear), 6, 30).toEpochDay();
        Institution closed = new Institution(last.code(), last.name(), cc, Kind.VILLAGE, "0", mc, false, 0,
            open, closing, c.index(), c.cityIndex());
        all.set(all.indexOf(last), closed);
        villages.add(closed);
      }
      Institution priv = add(new Institution(code(cc, ++seq[c.index()]), countyName + "康华医院", cc, Kind.PRIVATE,
          "1", "", false, 50 + rng.nextInt(151), open, Integer.MAX_VALUE, c.index(), c.cityIndex()));
      int schemeYear = firstYear + 1 + c.index() % (lastYear - firstYear + 1);
      counties.add(new CountyNetwork(c, mc, countyName + "医疗共同体", schemeYear, hospital, tcm,
          List.copyOf(townships), List.copyOf(villages), priv));
    }
    for (City city : geo.cities) {
      County urban = city.counties().get(0);
      String cc = urban.division().code();
      String cityStem = Names.stem(city.division().name());
      int tertiaryCount = city.capital() ? 3 + rng.nextInt(2) : 1 + rng.nextInt(2);
      List<Institution> tertiaries = new ArrayList<>();
      for (int t = 0; t < tertiaryCount; t++) {
        String name = t == 0 ? cityStem + "市第一人民医院" : cityStem + "市第" + "一二三四五".charAt(t) + "人民医院";
        if (city.capital() && t == 0) {
          name = Names.PROVINCE.substring(0, 2) + "省人民医院";
        }
        int beds = city.capital() ? 2_000 + rng.nextInt(1_001) : 1_000 + rng.nextInt(1_001);
        tertiaries.add(add(new Institution(code(cc, ++seq[urban.index()]), name, cc, Kind.TERTIARY, "3", "",
            false, beds, open, Integer.MAX_VALUE, urban.index(), city.index())));
      }
      Institution psychiatric = add(new Institution(code(cc, ++seq[urban.index()]), cityStem + "市精神卫生中心", cc,
          Kind.PSYCHIATRIC, "2", "", false, 200 + rng.nextInt(401), open, Integer.MAX_VALUE, urban.index(),
          city.index()));
      cities.add(new CityNetwork(city, List.copyOf(tertiaries), psychiatric));
    }
    String[][] outside = {{"110000", "京华大学附属医院"}, {"110000", "北方协和医院"}, {"310000", "申江大学附属中山医院"},
        {"310000", "浦江肿瘤医院"}, {"440100", "南粤中山大学附属医院"}};
    for (int i = 0; i < outside.length; i++) {
      outOfProvince.add(add(new Institution(code(outside[i][0], i + 1), outside[i][1], outside[i][0],
          Kind.OUT_OF_PROVINCE, "3", "", false, 2_000 + rng.nextInt(1_500), open, Integer.MAX_VALUE, -1, -1)));
    }
    int n = counties.size();
    suspicious.add(counties.get(1 % n).privateHospital().code());
    suspicious.add(counties.get(2 % n).hospital().code());
    if (n >= 6) {
      suspicious.add(counties.get(n / 2).privateHospital().code());
    }
    specialCaseOutlier = counties.get(0).hospital().code();

    // siphoning and the cost spike go to rural counties without another anomaly, the last ones first
    java.util.Set<Integer> taken = new java.util.TreeSet<>(List.of(0, 1 % n, 2 % n));
    if (n >= 6) {
      taken.add(n / 2);
    }
    List<Integer> order = new ArrayList<>();
    for (int pass = 0; pass < 3; pass++) {
      for (int c = n - 1; c >= 0; c--) {
        boolean rural = !geo.counties.get(c).urban();
        boolean free = !taken.contains(c);
        if (!order.contains(c) && (pass == 0 ? rural && free : pass == 1 ? free : true)) {
          order.add(c);
        }
      }
    }
    int siphoned = -1;
    Institution towards = null;
    for (int c : order) {
      towards = siphonTarget(geo.counties.get(c));
      if (towards != null) {
        siphoned = c;
        break;
      }
    }
    siphonedCounty = siphoned;
    siphonHospital = towards;
    siphonFromYear = lastYear > firstYear ? lastYear : firstYear;
    int spike = -1;
    if (lastYear > firstYear) {
      for (int c : order) {
        if (c != siphoned) {
          spike = c;
          break;
        }
      }
    }
    spikeCounty = spike;
  }

  /** The city hospital that draws a county's inpatients: its own city's first, else the capital's; never in the county. */
  private Institution siphonTarget(County county) {
    for (CityNetwork c : List.of(cities.get(county.cityIndex()), cities.get(0))) {
      Institution t = c.tertiaries().get(0);
      if (t.countyIndex() != county.index()) {
        return t;
      }
    }
    return null;
  }

  boolean siphons(County county, int day) {
    return county.index() == siphonedCounty && LocalDate.ofEpochDay(day).getYear() >= siphonFromYear;
  }

  private Institution add(Institution i) {
    all.add(i);
    return i;
  }

  private static String code(String admdvs, int seq) {
    return "H" + admdvs + String.format("%05d", seq);
  }

  CountyNetwork network(int countyIndex) {
    return counties.get(countyIndex);
  }

  CityNetwork cityNetwork(int cityIndex) {
    return cities.get(cityIndex);
  }

  boolean isSuspicious(Institution i) {
    return suspicious.contains(i.code());
  }
}
