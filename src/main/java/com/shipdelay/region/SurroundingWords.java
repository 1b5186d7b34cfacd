package com.shipdelay.region;

import com.shipdelay.region.RegionNames.Alias;
import com.shipdelay.region.RegionNames.Match;
import com.shipdelay.region.RegionNames.Strength;
import java.util.List;

/**
 * What the words around a name found in an address say about it: that it begins a street's or
 * shop's name (北京东路, 长沙路, 重庆小面店), is part of a village's, compound's, school's or company's name
 * (太原新村, 某某(武汉)贸易有限公司), or begins with the last character of the word before it (石门镇江源村).
 */
final class SurroundingWords {

  /** Directions and ordinals between a place name and a street word: 北京东路, 中山东一路. */
  private static final String STREET_INFIXES = "东西南北中一二三四五六七八九十";

  /** Words that make the place name before them part of a street, building or shop name. */
  private static final List<String> STREET_WORDS =
      List.of(
          "路", "街", "大道", "巷", "弄", "胡同", "道", "店", "大厦", "大楼", "广场", "商场", "商城", "公园", "花园", "小区",
          "公寓", "酒店", "饭店", "宾馆", "大学", "学院", "医院", "银行", "公司", "超市");

  /** How far after a place name a 店 still makes it a shop's name. */
  private static final int SHOP_NAME_LENGTH = 4;

  /** First characters that end a town's, street's or district's name (石门镇|江源村, 和平路|北). */
  private static final String NAME_ENDS = "镇乡村区县市路街道";

  /** Words that end a village's, compound's or building's name right after a place name. */
  private static final List<String> SETTLEMENT_WORDS =
      List.of(
          "村", "新村", "小区", "花园", "苑", "家园", "山庄", "公寓", "大厦", "广场", "大楼", "酒店", "饭店", "宾馆", "超市",
          "商场");

  /** Words that end a company's, school's or shop's name a few characters after a place name. */
  private static final List<String> INSTITUTION_WORDS =
      List.of(
          "公司", "大学", "学院", "学校", "中学", "小学", "医院", "店", "厂", "集团", "银行", "火锅", "餐厅", "餐馆", "菜馆",
          "面馆", "酒家", "酒楼", "小吃", "烤鸭", "食府");

  private SurroundingWords() {}

  /**
   * Whether a name begins with the last character of the word before it: 镇江 in 石门镇江源村, 路北 in 建设路北.
   * Not after a province or city name, which the next name follows directly (宁波镇海区).
   */
  static boolean straddles(AddressText address, Match match, Match previous) {
    String text = address.text();
    int start = match.start();
    if (start == 0
        || match.official()
        || address.gaps().get(start)
        || NAME_ENDS.indexOf(text.charAt(start)) < 0
        || !AddressText.chinese(text.charAt(start - 1))) {
      return false;
    }
    if (previous != null && previous.end() == start) {
      if (previous.official()) {
        return false;
      }
      for (Alias alias : previous.aliases()) {
        if (alias.strength() == Strength.STRONG
            && alias.region().level() != Region.Level.DISTRICT) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether a county's or district's short form begins inside a word the text did not name: 安新 in
   * 雄安新区, 新城 in 秦汉新城. Such a short form stands after a place named (深圳宝安), a gap, a non-Chinese
   * character (地址：宝安) or the end of a unit's name (北京市区朝阳), not glued to an unknown word. Names of
   * provinces and cities are left alone: a short form glued to a noise word (收货浙江杭州) is still the
   * province.
   */
  static boolean insideWord(AddressText address, Match match, Match previous) {
    int start = match.start();
    if (match.official()
        || address.wordBoundary(start)
        || previous != null && previous.end() == start
        || NAME_ENDS.indexOf(address.text().charAt(start - 1)) >= 0) {
      return false;
    }
    for (Alias alias : match.aliases()) {
      if (alias.region().level() != Region.Level.DISTRICT) {
        return false;
      }
    }
    return true;
  }

  /** Whether the short name is part of a settlement, school or company name. */
  static boolean compoundName(String text, Match match) {
    int end = match.end();
    if (match.start() > 0
        && end < text.length()
        && "(（".indexOf(text.charAt(match.start() - 1)) >= 0
        && ")）".indexOf(text.charAt(end)) >= 0) {
      return true; // 某某(武汉)贸易有限公司
    }
    for (int offset = 0; offset <= SHOP_NAME_LENGTH && end + offset < text.length(); offset++) {
      int at = end + offset;
      if (!AddressText.chinese(text.charAt(at))) {
        return false;
      }
      if (offset <= 1) {
        for (String word : SETTLEMENT_WORDS) {
          if (text.startsWith(word, at)) {
            return true;
          }
        }
      }
      for (String word : INSTITUTION_WORDS) {
        if (text.startsWith(word, at)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a street or shop word follows {@code end}, at most after two directions, ordinals or
   * digits: 北京东路, 中山东一路, 郑州2路.
   */
  static boolean streetWordFollows(String text, int end) {
    int i = end;
    for (int infixes = 0; i < text.length() && infixes <= 2; infixes++) {
      for (String word : STREET_WORDS) {
        if (text.startsWith(word, i)) {
          return true;
        }
      }
      char c = text.charAt(i);
      if (STREET_INFIXES.indexOf(c) < 0 && !Character.isDigit(c)) {
        return false; // 郑州2路 is a street too
      }
      i++;
    }
    return false;
  }
}
