package com.shipdelay.region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every name an address may use for a region, in a character trie for longest-match scanning. Built
 * once from {@link Regions} (full names and {@link ShortForms}, {@link HistoricalNames}) and {@link
 * HongKongMacaoTaiwanNames}.
 *
 * <p>A name carries a {@link Strength}: how much it proves on its own. Full official names and the
 * usual short forms of provinces and cities (新疆, 乌鲁木齐, 延边) may name a place by themselves; the
 * short forms of districts (朝阳, 浦东) and generic names (城区, 东区) only count inside a place the
 * address already named, because on their own they are mostly words in street and shop names.
 */
final class RegionNames {

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
  record Match(int start, int end, List<Alias> aliases, boolean official) {}

  /** City-level names an address never contains (municipalities, directly administered). */
  private static final Set<String> NEVER_WRITTEN = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");

  private final Node root = new Node();

  /** Official full names, current and old: 广州市 is one, 广州 is not. */
  private final Set<String> official = new HashSet<>();

  RegionNames(Regions regions) {
    NameTable names = new NameTable();
    ShortForms forms = ShortForms.of(regions);
    for (Region region : regions.all()) {
      if (!NEVER_WRITTEN.contains(region.name())) {
        forms.addNamesOf(region, names);
        official.add(region.name());
      }
    }
    HistoricalNames.add(regions, forms, names, official);
    HongKongMacaoTaiwanNames.add(regions, names);
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
      node = node.child(text.charAt(i));
      if (node == null) {
        break;
      }
      if (node.aliases != null) {
        longest = new Match(from, i + 1, node.aliases, node.official);
      }
    }
    return longest;
  }

  private void insert(String name, List<Alias> aliases) {
    Node node = root;
    for (int i = 0; i < name.length(); i++) {
      node = node.childOrNew(name.charAt(i));
    }
    node.aliases = aliases;
    node.official =
        official.contains(name)
            || name.length() >= 3 && "省市区县旗盟".indexOf(name.charAt(name.length() - 1)) >= 0;
  }

  /** A trie node: children in sorted arrays, searched without boxing the char. */
  private static final class Node {
    private char[] keys = new char[0];
    private Node[] children = new Node[0];

    Node child(char c) {
      int at = Arrays.binarySearch(keys, c);
      return at >= 0 ? children[at] : null;
    }

    Node childOrNew(char c) {
      int at = Arrays.binarySearch(keys, c);
      if (at >= 0) {
        return children[at];
      }
      int insert = -at - 1;
      char[] k = new char[keys.length + 1];
      Node[] n = new Node[keys.length + 1];
      System.arraycopy(keys, 0, k, 0, insert);
      System.arraycopy(children, 0, n, 0, insert);
      k[insert] = c;
      n[insert] = new Node();
      System.arraycopy(keys, insert, k, insert + 1, keys.length - insert);
      System.arraycopy(children, insert, n, insert + 1, keys.length - insert);
      keys = k;
      children = n;
      return n[insert];
    }

    private List<Alias> aliases;
    private boolean official;
  }
}
