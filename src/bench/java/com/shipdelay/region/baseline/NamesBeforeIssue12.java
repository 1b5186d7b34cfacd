package com.shipdelay.region.baseline;

// FROZEN: NamesBeforeIssue12 as of commit bfdbe42 (see ParserBeforeIssue12). Do not edit.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.region.Region;
import com.shipdelay.region.Regions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every name an address may use for a region, in a character trie for longest-match scanning. Built
 * once from {@link Regions} and {@code regions/HK-MO-TW.json}.
 *
 * <p>A name carries a {@link Strength}: how much it proves on its own. Full official names and the
 * usual short forms of provinces and cities (新疆, 乌鲁木齐, 延边) may name a place by themselves; the
 * short forms of districts (朝阳, 浦东) and generic names (城区, 东区) only count inside a place the
 * address already named, because on their own they are mostly words in street and shop names.
 */
final class NamesBeforeIssue12 {

  enum Strength {
    /** Names a place anywhere in the address. */
    STRONG,
    /** Names a place when it is the first one the address names (义乌, 昆山). */
    LEADING,
    /** Only narrows a place the address already named (北京朝阳, 香港九龙). */
    CONTEXT
  }

  record Alias(Region region, Strength strength) {}

  /** A name found in the text: where it ends and the regions it may stand for. */
  record Match(int start, int end, List<Alias> aliases) {}

  /** City-level names an address never contains (municipalities, directly administered). */
  private static final Set<String> NEVER_WRITTEN = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");

  /** Short forms that are mostly ordinary words (阿里巴巴, 东方明珠): only full names count. */
  private static final Set<String> COMMON_WORDS = Set.of("阿里", "东方");

  private static final List<String> PROVINCE_SUFFIXES =
      List.of("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市");

  /** Ethnic-name parts of autonomous prefectures and counties: 延边(朝鲜族)自治州 -> 延边. */
  private static final Pattern ETHNIC_AUTONOMY =
      Pattern.compile(
          "(?:(?:朝鲜|土家|藏|羌|彝|布依|苗|侗|哈尼|壮|傣|白|景颇|傈僳|回|蒙古|哈萨克|柯尔克孜|满|达斡尔|鄂伦春|鄂温克"
              + "|畲|瑶|仫佬|毛南|黎|仡佬|水|纳西|拉祜|佤|布朗|独龙|怒|普米|裕固|保安|东乡|撒拉|土|塔吉克|锡伯)族?|各族)+"
              + "自治(州|县|旗)");

  private final Node root = new Node();

  NamesBeforeIssue12(Regions regions) {
    Map<String, Map<Region, Strength>> names = new LinkedHashMap<>();
    List<String> provinceShorts = new ArrayList<>();
    for (Region region : regions.all()) {
      // Region.Level is package-private since a8c3c9c; a province is the 2-digit code
      if (region.code().length() == 2) {
        provinceShorts.add(provinceShort(region.name()));
      }
    }
    for (Region region : regions.all()) {
      String name = region.name();
      if (NEVER_WRITTEN.contains(name)) {
        continue;
      }
      switch (region.code().length()) { // the level, as above
        case 2 -> {
          add(names, name, region, Strength.STRONG);
          add(names, provinceShort(name), region, Strength.STRONG);
          if (name.startsWith("内蒙古")) {
            add(names, "内蒙", region, Strength.STRONG);
          }
        }
        case 4 -> {
          add(names, name, region, Strength.STRONG);
          for (String alias : cityShorts(name)) {
            boolean weak = provinceShorts.contains(alias) || COMMON_WORDS.contains(alias);
            add(names, alias, region, weak ? Strength.CONTEXT : Strength.STRONG);
          }
        }
        case 6 -> {
          add(names, name, region, name.length() >= 3 ? Strength.STRONG : Strength.CONTEXT);
          districtShorts(name, region, names);
        }
      }
    }
    addHongKongMacaoTaiwan(regions, names);
    names.forEach(
        (name, aliases) -> {
          List<Alias> list = new ArrayList<>();
          aliases.forEach((region, strength) -> list.add(new Alias(region, strength)));
          insert(name, List.copyOf(list));
        });
  }

  /** The longest name that starts at {@code from}, or null. */
  Match longestAt(String text, int from) {
    Node node = root;
    Match longest = null;
    for (int i = from; i < text.length(); i++) {
      node = node.next.get(text.charAt(i));
      if (node == null) {
        break;
      }
      if (node.aliases != null) {
        longest = new Match(from, i + 1, node.aliases);
      }
    }
    return longest;
  }

  static String provinceShort(String name) {
    for (String suffix : PROVINCE_SUFFIXES) {
      if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  private static List<String> cityShorts(String name) {
    if (name.endsWith("自治州")) {
      String prefix = autonomyPrefix(name);
      return prefix == null ? List.of() : List.of(prefix, prefix + "州");
    }
    for (String suffix : List.of("地区", "盟", "市")) {
      if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
        return List.of(name.substring(0, name.length() - suffix.length()));
      }
    }
    return List.of();
  }

  private static void districtShorts(
      String name, Region region, Map<String, Map<Region, Strength>> names) {
    if (name.endsWith("自治县") || name.endsWith("自治旗")) {
      String prefix = autonomyPrefix(name);
      if (prefix != null) {
        add(names, prefix + name.charAt(name.length() - 1), region, Strength.LEADING);
        add(names, prefix, region, Strength.CONTEXT);
      }
    } else if (name.endsWith("林区") && name.length() >= 4) { // 神农架林区
      add(names, name.substring(0, name.length() - 2), region, Strength.LEADING);
    } else if (name.endsWith("市") && name.length() >= 3) { // county-level city: 义乌市
      add(names, name.substring(0, name.length() - 1), region, Strength.LEADING);
    } else if (name.endsWith("新区") && name.length() >= 4) { // 浦东新区
      add(names, name.substring(0, name.length() - 2), region, Strength.CONTEXT);
    } else if (name.length() >= 3 && "区县旗".indexOf(name.charAt(name.length() - 1)) >= 0) {
      add(names, name.substring(0, name.length() - 1), region, Strength.CONTEXT);
    }
  }

  /** 延边朝鲜族自治州 -> 延边; null when nothing sensible is left. */
  private static String autonomyPrefix(String name) {
    for (int k = 2; k < name.length(); k++) {
      if (ETHNIC_AUTONOMY.matcher(name.substring(k)).matches()) {
        return name.substring(0, k);
      }
    }
    return null;
  }

  /**
   * Hong Kong, Macao and Taiwan have no finer codes: each of their area and district names stands
   * for the province. A name that is also a mainland name, or used in two of them (中西区), or short
   * (东区, 九龙), only counts after the province was named.
   */
  private static void addHongKongMacaoTaiwan(
      Regions regions, Map<String, Map<Region, Strength>> names) {
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
    found.forEach(
        (name, provinces) -> {
          boolean distinctive =
              name.length() >= 3
                  && !names.containsKey(name)
                  && provinces.stream().distinct().count() == 1;
          provinces.forEach(
              p -> add(names, name, p, distinctive ? Strength.STRONG : Strength.CONTEXT));
        });
  }

  /** 嘉模堂区（氹仔） -> 嘉模堂区, 氹仔. */
  private static List<String> splitName(String raw) {
    int open = raw.indexOf('（');
    if (open < 0) {
      return List.of(raw);
    }
    return List.of(raw.substring(0, open), raw.substring(open + 1, raw.indexOf('）', open)));
  }

  private static void add(
      Map<String, Map<Region, Strength>> names, String name, Region region, Strength strength) {
    if (name.length() < 2) {
      return;
    }
    names
        .computeIfAbsent(name, k -> new LinkedHashMap<>())
        .merge(region, strength, (a, b) -> a.compareTo(b) <= 0 ? a : b);
  }

  private void insert(String name, List<Alias> aliases) {
    Node node = root;
    for (int i = 0; i < name.length(); i++) {
      node = node.next.computeIfAbsent(name.charAt(i), c -> new Node());
    }
    node.aliases = aliases;
  }

  private static JsonNode readJson(String resource) {
    try (InputStream in = NamesBeforeIssue12.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Node {
    private final Map<Character, Node> next = new HashMap<>();
    private List<Alias> aliases;
  }
}
