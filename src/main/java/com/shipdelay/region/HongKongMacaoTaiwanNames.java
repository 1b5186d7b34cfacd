package com.shipdelay.region;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.region.RegionNames.Strength;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Hong Kong, Macao and Taiwan have no finer codes: each of their area and district names stands for
 * the province ({@code regions/HK-MO-TW.json}). A name that is also a mainland name, or used in two
 * of them (中西区), or short (东区, 九龙), only counts after the province was named.
 */
final class HongKongMacaoTaiwanNames {

  private HongKongMacaoTaiwanNames() {}

  /** Adds the area and district names to {@code names}, after the mainland's, which they check. */
  static void add(Regions regions, NameTable names) {
    Map<String, List<Region>> found = provincesByName(regions);
    found.forEach(
        (name, provinces) -> {
          boolean distinctive =
              name.length() >= 3 && !names.has(name) && provinces.stream().distinct().count() == 1;
          provinces.forEach(
              p -> names.add(name, p, distinctive ? Strength.STRONG : Strength.CONTEXT));
        });
  }

  /** Each area and district name, with the province it is in once per time it occurs. */
  private static Map<String, List<Region>> provincesByName(Regions regions) {
    JsonNode tree = readJson("regions/HK-MO-TW.json");
    Map<String, List<Region>> found = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> top = it.next();
      Region province =
          regions.all().stream()
              .filter(r -> r.name().equals(top.getKey()))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no province " + top.getKey()));
      for (Iterator<Map.Entry<String, JsonNode>> areas = top.getValue().fields();
          areas.hasNext(); ) {
        Map.Entry<String, JsonNode> area = areas.next();
        List<String> areaNames = new ArrayList<>(splitName(area.getKey()));
        if (area.getKey().endsWith("市") || area.getKey().endsWith("县")) { // 台北市 -> 台北
          areaNames.add(area.getKey().substring(0, area.getKey().length() - 1));
        }
        for (JsonNode district : area.getValue()) {
          areaNames.addAll(splitName(district.asText()));
        }
        areaNames.forEach(n -> found.computeIfAbsent(n, k -> new ArrayList<>()).add(province));
      }
    }
    return found;
  }

  /** 嘉模堂区（氹仔） -> 嘉模堂区, 氹仔. */
  private static List<String> splitName(String raw) {
    int open = raw.indexOf('（');
    if (open < 0) {
      return List.of(raw);
    }
    return List.of(raw.substring(0, open), raw.substring(open + 1, raw.indexOf('）', open)));
  }

  private static JsonNode readJson(String resource) {
    try (InputStream in =
        HongKongMacaoTaiwanNames.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
