package com.shipdelay.region;

import com.shipdelay.region.RegionNames.Strength;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a region goes by: its full name and the short forms left when its suffix is stripped
 * (新疆维吾尔自治区 → 新疆, 延边朝鲜族自治州 → 延边, 延边州, 义乌市 → 义乌, 浦东新区 → 浦东), each with the {@link Strength} it has
 * on its own. A city's short form that is also a province's (吉林) or an ordinary word only counts in
 * context.
 */
final class ShortForms {

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

  private final List<String> provinceShorts;

  private ShortForms(List<String> provinceShorts) {
    this.provinceShorts = provinceShorts;
  }

  /** The short forms of the dictionary's provinces decide which city short forms are weak. */
  static ShortForms of(Regions regions) {
    List<String> provinceShorts = new ArrayList<>();
    for (Region region : regions.all()) {
      if (region.level() == Region.Level.PROVINCE) {
        provinceShorts.add(provinceShort(region.name()));
      }
    }
    return new ShortForms(provinceShorts);
  }

  /** Adds the region's full name and its short forms to {@code names}. */
  void addNamesOf(Region region, NameTable names) {
    String name = region.name();
    switch (region.level()) {
      case PROVINCE -> {
        names.add(name, region, Strength.STRONG);
        names.add(provinceShort(name), region, Strength.STRONG);
        if (name.startsWith("内蒙古")) {
          names.add("内蒙", region, Strength.STRONG);
        }
      }
      case CITY -> {
        names.add(name, region, Strength.STRONG);
        for (String alias : cityShorts(name)) {
          boolean weak = provinceShorts.contains(alias) || COMMON_WORDS.contains(alias);
          names.add(alias, region, weak ? Strength.CONTEXT : Strength.STRONG);
        }
      }
      case DISTRICT -> {
        names.add(name, region, name.length() >= 3 ? Strength.STRONG : Strength.CONTEXT);
        districtShorts(name, region, names);
      }
    }
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

  private static void districtShorts(String name, Region region, NameTable names) {
    if (name.endsWith("自治县") || name.endsWith("自治旗")) {
      String prefix = autonomyPrefix(name);
      if (prefix != null) {
        names.add(prefix + name.charAt(name.length() - 1), region, Strength.LEADING);
        names.add(prefix, region, Strength.CONTEXT);
      }
    } else if (name.endsWith("林区") && name.length() >= 4) { // 神农架林区
      names.add(name.substring(0, name.length() - 2), region, Strength.LEADING);
    } else if (name.endsWith("市") && name.length() >= 3) { // county-level city: 义乌市
      names.add(name.substring(0, name.length() - 1), region, Strength.LEADING);
    } else if (name.endsWith("新区") && name.length() >= 4) { // 浦东新区
      names.add(name.substring(0, name.length() - 2), region, Strength.CONTEXT);
    } else if (name.length() >= 3 && "区县旗".indexOf(name.charAt(name.length() - 1)) >= 0) {
      names.add(name.substring(0, name.length() - 1), region, Strength.CONTEXT);
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
}
