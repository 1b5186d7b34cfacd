package com.shipdelay.region;

import com.shipdelay.region.RegionNames.Strength;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The names collected for {@link RegionNames}' trie while it is built: for each name, the regions
 * it may stand for with the strongest {@link Strength} any source gave it, in the order added.
 */
final class NameTable {

  private final Map<String, Map<Region, Strength>> byName = new LinkedHashMap<>();

  /** Adds one reading of a name; one-character names are left out. */
  void add(String name, Region region, Strength strength) {
    if (name.length() < 2) {
      return;
    }
    byName
        .computeIfAbsent(name, k -> new LinkedHashMap<>())
        .merge(region, strength, (a, b) -> a.compareTo(b) <= 0 ? a : b);
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  /** The readings of {@code name}: region to strength; null when the name is not in the table. */
  Map<Region, Strength> readings(String name) {
    return byName.get(name);
  }

  void forEach(BiConsumer<String, Map<Region, Strength>> action) {
    byName.forEach(action);
  }
}
