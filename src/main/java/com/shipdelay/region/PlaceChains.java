package com.shipdelay.region;

import com.shipdelay.region.NameScanner.Found;
import com.shipdelay.region.RegionNames.Alias;
import com.shipdelay.region.RegionNames.Strength;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the names found in an address, in order, as chains of places: a name inside a place already
 * named narrows it (陕西省 → 西安市 → 雁塔区), a name that contains one repeats it, and any other name
 * starts a new place. Two places make a dual address (陕西省西安市新疆乌鲁木齐…). An ambiguous name (朝阳区 is in
 * Beijing and in Changchun) takes the reading that fits the place around it, or none.
 */
final class PlaceChains {

  /** One place the address names: its most specific region and the regions the text named. */
  private record Place(Region region, List<Region> named, int origin) {}

  private PlaceChains() {}

  /** The distinct places the names stand for, each as its most specific region, in order. */
  static List<Region> read(List<Found> found) {
    List<Place> places = placeAll(found, -1);
    // a weak first reading that makes the address dual was a person's or a word, not a place
    if (places.size() >= 2) {
      for (Place place : places) {
        if (found.get(place.origin()).weak()) {
          places = placeAll(found, place.origin());
          break;
        }
      }
    }
    List<Region> mentions = new ArrayList<>(places.size());
    for (Place place : places) {
      mentions.add(place.region());
    }
    return List.copyOf(mentions);
  }

  /** Reads the names in order as places; {@code skip} is a name left out (-1: none). */
  private static List<Place> placeAll(List<Found> found, int skip) {
    List<Place> places = new ArrayList<>();
    for (int k = 0; k < found.size(); k++) {
      if (k == skip) {
        continue;
      }
      Found here = found.get(k);
      int n = k + 1 == skip ? k + 2 : k + 1;
      List<Alias> next = n < found.size() ? found.get(n).match().aliases() : List.of();
      int b = k - 1 == skip ? k - 2 : k - 1;
      boolean glued = b >= 0 && found.get(b).match().end() == here.match().start();
      place(here, k, next, glued, places);
    }
    return places;
  }

  /**
   * Adds what one name says to the places found so far. A name inside a compound or shop name does
   * not start a second place (上海市黄浦区南京东路重庆小面店), though it may narrow the first.
   */
  private static void place(
      Found found, int origin, List<Alias> next, boolean glued, List<Place> places) {
    List<Alias> aliases = found.match().aliases();
    if (narrows(aliases, places) || repeats(aliases, places)) {
      return;
    }
    // a new place; a weak name needs the context it does not have here
    if (found.compound() && !places.isEmpty()) {
      return;
    }
    List<Alias> candidates = new ArrayList<>(aliases.size());
    for (Alias a : aliases) {
      if (a.strength() == Strength.STRONG
          || (a.strength() == Strength.LEADING || found.promoted()) && places.isEmpty()) {
        candidates.add(a);
      }
    }
    if (besideUnderNamedUnit(candidates, found.match().official(), places)) {
      return;
    }
    if (glued && !places.isEmpty() && allDistricts(candidates)) {
      // 上海市黄埔区 (黄浦区 misspelt, 黄埔区 is in Guangzhou): a district written straight after a
      // place, where that place's district goes, is not a second place; a second place is named
      // from its province or city (陕西省西安市新疆乌鲁木齐)
      return;
    }
    pickConfirmed(candidates, next).ifPresent(region -> addPlace(region, origin, glued, places));
  }

  /** One of the readings, preferring those the name after it confirms. */
  private static Optional<Region> pickConfirmed(List<Alias> candidates, List<Alias> next) {
    List<Alias> confirmedByNext = new ArrayList<>(candidates.size());
    for (Alias a : candidates) {
      for (Alias n : next) {
        if (related(a.region(), n.region())) {
          confirmedByNext.add(a);
          break;
        }
      }
    }
    return pick(confirmedByNext.isEmpty() ? candidates : confirmedByNext);
  }

  /**
   * Adds a new place. A city written straight after a province that does not hold it (江苏省杭州市西湖区,
   * 四川省重庆市 as before 1997) takes that province's place: the province was the slip, and a second
   * place brings its own province (陕西省西安市新疆乌鲁木齐).
   */
  private static void addPlace(Region region, int origin, boolean glued, List<Place> places) {
    int last = places.size() - 1;
    if (glued
        && last >= 0
        && (region.level() != Region.Level.PROVINCE || region.cityOrMunicipality())
        && places.get(last).named().size() == 1
        && places.get(last).region().level() == Region.Level.PROVINCE) {
      places.set(last, new Place(region, List.of(region), places.get(last).origin()));
    } else {
      places.add(new Place(region, List.of(region), origin));
    }
  }

  /**
   * Whether the name is inside a place already named, the latest first (西安市 after 陕西省); the place
   * then becomes its region, when one reading fits.
   */
  private static boolean narrows(List<Alias> aliases, List<Place> places) {
    for (int p = places.size() - 1; p >= 0; p--) {
      Place place = places.get(p);
      List<Alias> inside = new ArrayList<>(2);
      for (Alias a : aliases) {
        if (place.region().contains(a.region()) && !a.region().equals(place.region())) {
          inside.add(a);
        }
      }
      if (!inside.isEmpty()) {
        Optional<Region> narrower = pick(inside);
        if (narrower.isPresent()) {
          List<Region> named = new ArrayList<>(place.named());
          named.add(narrower.get());
          places.set(p, new Place(narrower.get(), named, place.origin()));
        }
        return true;
      }
    }
    return false;
  }

  /** Whether the name repeats a place already named, or a larger one around it: nothing new. */
  private static boolean repeats(List<Alias> aliases, List<Place> places) {
    for (Alias a : aliases) {
      for (Place p : places) {
        if (a.region().contains(p.region())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the name stands beside a place, under a unit the text named (杭州市西湖区拱墅区): the place then
   * becomes that unit, not two places. A county's full name after a city that does not hold it, in
   * the same province, is a county that has changed city (四川省资阳市简阳市, 吉林省四平市公主岭市): the county says
   * more than the city and the place becomes the county. Not a district's: districts do not change
   * city, and a name such as 桥东区 is also the old name of another city's district.
   */
  private static boolean besideUnderNamedUnit(
      List<Alias> candidates, boolean official, List<Place> places) {
    for (int p = places.size() - 1; p >= 0 && !candidates.isEmpty(); p--) {
      Place place = places.get(p);
      for (int m = place.named().size() - 1; m >= 0; m--) {
        Region unit = place.named().get(m);
        List<Alias> within = new ArrayList<>(2);
        for (Alias a : candidates) {
          if (unit.contains(a.region())) {
            within.add(a);
          }
        }
        if (!within.isEmpty()) {
          Optional<Region> picked = pick(within);
          if (picked.isPresent()) {
            List<Region> named = namedAround(place, unit);
            Region county = picked.get();
            if (official
                && place.region().level() == Region.Level.CITY
                && county.level() == Region.Level.DISTRICT
                && !county.name().endsWith("区")) {
              named.add(county);
              places.set(p, new Place(county, named, place.origin()));
            } else {
              places.set(p, new Place(unit, named, place.origin()));
            }
          }
          return true;
        }
      }
    }
    return false;
  }

  /** The regions the text named for {@code place} that contain {@code unit}, in order. */
  private static List<Region> namedAround(Place place, Region unit) {
    List<Region> named = new ArrayList<>();
    for (Region r : place.named()) {
      if (r.contains(unit)) {
        named.add(r);
      }
    }
    return named;
  }

  private static boolean allDistricts(List<Alias> candidates) {
    for (Alias a : candidates) {
      if (a.region().level() != Region.Level.DISTRICT) {
        return false;
      }
    }
    return !candidates.isEmpty();
  }

  private static boolean related(Region a, Region b) {
    return a.contains(b) || b.contains(a);
  }

  /**
   * A city without districts is also its own county-level unit of the same name (东莞市 4419 holds 东莞市
   * 441900): its short form (东莞) reads as that unit too, as its full name does. Not a prefecture
   * and its seat (大理白族自治州, 大理市): 大理 alone is the prefecture.
   */
  private static Region ownCounty(Region chosen, List<Alias> readings) {
    if (chosen.level() != Region.Level.CITY) {
      return chosen;
    }
    List<Region> own =
        readings.stream()
            .filter(a -> a.strength() == Strength.LEADING && chosen.contains(a.region()))
            .map(Alias::region)
            .filter(r -> !r.equals(chosen) && r.name().equals(chosen.name()))
            .distinct()
            .toList();
    return own.size() == 1 ? own.get(0) : chosen;
  }

  /**
   * One region out of a name's readings. Only the readings of the strongest kind count (乌鲁木齐 is the
   * city, not 乌鲁木齐县); of those, the deepest when they form one chain (儋州市 is a city and its own
   * district), else the single shallowest one; none when that is still ambiguous.
   */
  private static Optional<Region> pick(List<Alias> readings) {
    if (readings.isEmpty()) {
      return Optional.empty();
    }
    Strength strongest =
        readings.stream().map(Alias::strength).min(Comparator.naturalOrder()).orElseThrow();
    List<Region> byDepth =
        readings.stream()
            .filter(a -> a.strength() == strongest)
            .map(Alias::region)
            .distinct()
            .sorted(Comparator.comparingInt(r -> r.code().length()))
            .toList();
    boolean oneChain = true;
    for (int i = 1; i < byDepth.size(); i++) {
      oneChain &= byDepth.get(i - 1).contains(byDepth.get(i));
    }
    if (oneChain) {
      return Optional.of(ownCounty(byDepth.get(byDepth.size() - 1), readings));
    }
    Region.Level shallowest = byDepth.get(0).level();
    List<Region> top = byDepth.stream().filter(r -> r.level() == shallowest).toList();
    return top.size() == 1 ? Optional.of(top.get(0)) : Optional.empty();
  }
}
