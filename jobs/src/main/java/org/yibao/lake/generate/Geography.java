package org.yibao.lake.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The province's divisions, scaled to the population: about 11 cities and 100 counties at a million
 * persons, 3 cities with 2-3 counties each at a few thousand, never fewer than ~100 persons per
 * county when the population allows it. City 0 is the capital, city 1 pays inpatients by DRG (the
 * others by DIP). Persons are assigned to counties by index quantiles, so every county gets exactly
 * its share. Also holds the out-of-province divisions where a few persons are treated.
 */
final class Geography {

  /** A row of {@code admdvs}. */
  record Division(String code, String name, int level, String parent) {
  }

  record City(int index, Division division, boolean capital, boolean drg, List<County> counties) {
  }

  /**
   * @param urban              the city's urban district, where its level-3 hospitals stand
   * @param costGrowthPermille yearly medical-cost growth of the county
   * @param firstPerson        first person index living here; persons up to {@code endPerson} exclusive
   */
  record County(int index, Division division, int cityIndex, boolean urban, int costGrowthPermille,
                int firstPerson, int endPerson) {
  }

  final Division province;
  final List<City> cities;
  final List<County> counties;
  final List<Division> outOfProvince;
  private final int[] countyOfPersonStart;

  private Geography(Division province, List<City> cities, List<County> counties, List<Division> outOfProvince) {
    this.province = province;
    this.cities = cities;
    this.counties = counties;
    this.outOfProvince = outOfProvince;
    this.countyOfPersonStart = counties.stream().mapToInt(County::firstPerson).toArray();
  }

  static Geography build(int persons, GeneratorProfile profile, SplittableRandom rng) {
    String pp = profile.provinceCode();
    Division province = new Division(pp + "0000", Names.PROVINCE, 1, "");
    int cityCount = persons <= 5_000 ? 3
        : (int) Math.min(11, Math.round(3 + 8 * Math.log((double) persons / 5_000) / Math.log(200)));
    int countyCount = persons <= 5_000 ? Math.max(cityCount, Math.min(8, persons / 120))
        : (int) Math.min(persons / 200, Math.round(8 + 92 * Math.log((double) persons / 5_000) / Math.log(200)));
    countyCount = Math.max(countyCount, cityCount);

    double[] weights = new double[countyCount];
    boolean[] urban = new boolean[countyCount];
    int[] cityOf = new int[countyCount];
    int k = 0;
    for (int c = 0; c < cityCount; c++) {
      int n = countyCount / cityCount + (c < countyCount % cityCount ? 1 : 0);
      for (int j = 0; j < n; j++, k++) {
        cityOf[k] = c;
        urban[k] = j == 0;
        boolean spread = (double) persons / countyCount >= 300;
        weights[k] = spread ? (0.7 + 0.6 * rng.nextDouble()) * (urban[k] ? 1.5 : 1.0) * (c == 0 ? 1.3 : 1.0) : 1.0;
      }
    }
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    List<County> counties = new ArrayList<>();
    List<List<County>> byCity = new ArrayList<>();
    for (int c = 0; c < cityCount; c++) {
      byCity.add(new ArrayList<>());
    }
    double cum = 0;
    int[] seqInCity = new int[cityCount];
    for (int i = 0; i < countyCount; i++) {
      int start = (int) Math.round(persons * cum / total);
      cum += weights[i];
      int end = i == countyCount - 1 ? persons : (int) Math.round(persons * cum / total);
      String cityCode = pp + twoDigits(cityOf[i] + 1);
      String code = cityCode + twoDigits(2 + seqInCity[cityOf[i]]++);
      Division d = new Division(code, Names.county(i, urban[i]), 3, cityCode + "00");
      int growth = profile.costGrowthMinPermille()
          + rng.nextInt(profile.costGrowthMaxPermille() - profile.costGrowthMinPermille() + 1);
      County county = new County(i, d, cityOf[i], urban[i], growth, start, end);
      counties.add(county);
      byCity.get(cityOf[i]).add(county);
    }
    List<City> cities = new ArrayList<>();
    for (int c = 0; c < cityCount; c++) {
      Division d = new Division(pp + twoDigits(c + 1) + "00", Names.city(c), 2, province.code());
      cities.add(new City(c, d, c == 0, c == 1, List.copyOf(byCity.get(c))));
    }
    List<Division> outside = List.of(
        new Division("110000", "北京市", 1, ""),
        new Division("310000", "上海市", 1, ""),
        new Division("440000", "广东省", 1, ""),
        new Division("440100", "广州市", 2, "440000"));
    return new Geography(province, List.copyOf(cities), List.copyOf(counties), outside);
  }

  /** The county a person lives in at the start, by index quantile. */
  County countyOfPerson(int personIndex) {
    int i = java.util.Arrays.binarySearch(countyOfPersonStart, personIndex);
    if (i < 0) {
      i = -i - 2;
    }
    while (i + 1 < countyOfPersonStart.length && countyOfPersonStart[i + 1] == personIndex) {
      i++;
    }
    return counties.get(i);
  }

  City cityOf(County county) {
    return cities.get(county.cityIndex());
  }

  /** All divisions for the {@code admdvs} table: province, cities, counties, then out-of-province ones. */
  List<Division> allDivisions() {
    List<Division> all = new ArrayList<>();
    all.add(province);
    for (City c : cities) {
      all.add(c.division());
      c.counties().forEach(county -> all.add(county.division()));
    }
    all.addAll(outOfProvince);
    return all;
  }

  private static String twoDigits(int n) {
    return n < 10 ? "0" + n : String.valueOf(n);
  }
}
