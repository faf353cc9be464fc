package org.yibao.lake.generate;

import java.util.List;
import java.util.SplittableRandom;
import org.yibao.lake.generate.Geography.County;
import org.yibao.lake.generate.Institutions.CityNetwork;
import org.yibao.lake.generate.Institutions.CountyNetwork;

/**
 * Where people are treated, a gravity pattern: most outpatient care at village, township and county
 * level in their own county, inpatient care mostly at the county hospital, severe cases at the
 * city's level-3 hospitals and the capital's, now and then another county, a few per cent out of
 * the province. Never an institution that is closed on the day of care.
 */
final class CareSites {
  private final Institutions inst;
  private final GeneratorProfile profile;
  private final Population population;

  CareSites(Institutions inst, GeneratorProfile profile, Population population) {
    this.inst = inst;
    this.profile = profile;
    this.population = population;
  }

  Institution outpatient(County county, int day, SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < 0.004) {
      return pick(inst.outOfProvince, rng);
    }
    if (u < 0.004 + profile.otherCountyShare() / 2) {
      CountyNetwork other = inst.network(population.otherCounty(county, rng).index());
      return rng.nextBoolean() ? other.hospital() : pick(other.townships(), rng);
    }
    CountyNetwork net = inst.network(county.index());
    int r = rng.nextInt(100);
    int tertiaryShare = county.urban() ? 15 : 5;
    if (r < tertiaryShare) {
      return pick(cityNet(county).tertiaries(), rng);
    }
    if (r < 40) {
      return village(net, day, rng);
    }
    if (r < 72) {
      return pick(net.townships(), rng);
    }
    if (r < 92) {
      return net.hospital();
    }
    if (r < 96 && net.tcm() != null) {
      return net.tcm();
    }
    return r < 96 ? net.hospital() : net.privateHospital();
  }

  Institution emergency(County county, SplittableRandom rng) {
    int r = rng.nextInt(100);
    CountyNetwork net = inst.network(county.index());
    return r < 70 ? net.hospital() : r < 95 ? pick(cityNet(county).tertiaries(), rng) : net.privateHospital();
  }

  /** Chronic/special outpatient: township or county level, the psychiatric hospital for mental illness. */
  Institution chronic(County county, String diseType, SplittableRandom rng) {
    CountyNetwork net = inst.network(county.index());
    int r = rng.nextInt(100);
    return switch (diseType) {
      case "MH" -> cityNet(county).psychiatric();
      case "CKD5" -> r < 60 ? net.hospital() : pick(cityNet(county).tertiaries(), rng);
      default -> r < 45 ? pick(net.townships(), rng) : r < 85 ? net.hospital()
          : r < 90 && net.tcm() != null ? net.tcm() : pick(cityNet(county).tertiaries(), rng);
    };
  }

  /**
   * Where a stay admitted on {@code day} takes place. In the siphoned county (a planted anomaly), from its
   * first year a share of the stays that would have stayed in the county go to the city hospital instead.
   */
  Institution inpatient(County county, int severity, int day, SplittableRandom rng) {
    Institution where = inpatientSite(county, severity, rng);
    if (where.countyIndex() == county.index() && inst.siphons(county, day)
        && rng.nextDouble() < profile.siphonShare()) {
      return inst.siphonHospital;
    }
    return where;
  }

  private Institution inpatientSite(County county, int severity, SplittableRandom rng) {
    double oop = profile.outOfProvinceInpatient() * (severity == 2 ? 3 : severity == 1 ? 1 : 0.4);
    double u = rng.nextDouble();
    if (u < oop) {
      return pick(inst.outOfProvince, rng);
    }
    if (u < oop + profile.otherCountyShare()) {
      return inst.network(population.otherCounty(county, rng).index()).hospital();
    }
    CountyNetwork net = inst.network(county.index());
    List<Institution> cityTertiary = cityNet(county).tertiaries();
    List<Institution> capitalTertiary = inst.cityNetwork(0).tertiaries();
    int r = rng.nextInt(100);
    return switch (severity) {
      case 0 -> r < 30 ? pick(net.townships(), rng) : r < 82 ? net.hospital()
          : r < 88 ? orHospital(net.tcm(), net) : r < 96 ? net.privateHospital() : pick(cityTertiary, rng);
      case 1 -> r < 5 ? pick(net.townships(), rng) : r < 68 ? net.hospital() : r < 72 ? orHospital(net.tcm(), net)
          : r < 78 ? net.privateHospital() : r < 96 ? pick(cityTertiary, rng) : pick(capitalTertiary, rng);
      default -> r < 30 ? net.hospital() : r < 70 ? pick(cityTertiary, rng) : pick(capitalTertiary, rng);
    };
  }

  /** One step up from an inpatient institution, for a transfer. */
  Institution higher(Institution from, County county, SplittableRandom rng) {
    return switch (from.kind()) {
      case TOWNSHIP, VILLAGE, PRIVATE, TCM -> inst.network(county.index()).hospital();
      default -> pick(cityNet(county).tertiaries(), rng);
    };
  }

  CityNetwork cityNet(County county) {
    return inst.cityNetwork(county.cityIndex());
  }

  private static Institution orHospital(Institution tcm, CountyNetwork net) {
    return tcm != null ? tcm : net.hospital();
  }

  private Institution village(CountyNetwork net, int day, SplittableRandom rng) {
    Institution v = pick(net.villages(), rng);
    return v.openOn(day) ? v : pick(net.townships(), rng);
  }

  private static Institution pick(List<Institution> list, SplittableRandom rng) {
    return list.get(rng.nextInt(list.size()));
  }
}
