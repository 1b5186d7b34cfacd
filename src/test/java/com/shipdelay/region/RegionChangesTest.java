package com.shipdelay.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every row of {@code regions/changes.csv} checked against the GB/T 2260 dictionary. */
class RegionChangesTest {

  static Regions regions;
  static AddressParser parser;

  @BeforeAll
  static void buildOnce() {
    regions = new Regions();
    parser = new AddressParser(regions);
  }

  @Test
  void theTableIsNotEmptyAndNamesItsSource() throws Exception {
    assertThat(regions.changes()).hasSizeGreaterThan(50);
    try (var in = getClass().getResourceAsStream("/regions/changes.csv")) {
      String head = new String(in.readNBytes(600), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(head).contains("民政部").contains("xzqh.mca.gov.cn");
    }
    assertThat(regions.changes()).allSatisfy(c -> assertThat(c.source()).contains("民政部"));
  }

  @Test
  void everyNewUnitExistsUnderItsName() {
    assertThat(regions.changes())
        .allSatisfy(
            c -> {
              assertThat(regions.find(c.newCode()))
                  .as("%s -> %s", c.oldName(), c.newCode())
                  .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo(c.newName()));
              assertThat(c.date()).matches("(19|20)\\d\\d");
            });
  }

  @Test
  void theParentIsAnAncestorOfTheOldCodeAndTheNewUnitStaysInTheProvince() {
    assertThat(regions.changes())
        .allSatisfy(
            c -> {
              assertThat(c.parentCode()).hasSizeBetween(2, 4);
              if (!c.oldCode().isEmpty()) {
                assertThat(c.oldCode()).startsWith(c.parentCode());
              }
              assertThat(c.newCode()).startsWith(c.parentCode().substring(0, 2));
            });
  }

  @Test
  void anOldCodeStillInUseIsTheNewUnitItself() {
    // codes are reused only by the unit that took the place over (襄樊市 4206 -> 襄阳市 4206)
    assertThat(regions.changes())
        .filteredOn(c -> !c.oldCode().isEmpty() && regions.exists(c.oldCode()))
        .allSatisfy(c -> assertThat(c.oldCode()).isEqualTo(c.newCode()));
  }

  @Test
  void anOldNameIsNotACurrentNameUnderTheSameParent() {
    Set<String> current = new HashSet<>();
    for (Region r : regions.all()) {
      String parent = r.code().length() > 2 ? r.code().substring(0, r.code().length() - 2) : "";
      current.add(parent + "/" + r.name());
    }
    assertThat(regions.changes())
        .allSatisfy(c -> assertThat(current).doesNotContain(c.parentCode() + "/" + c.oldName()));
    assertThat(regions.changes().stream().map(c -> c.oldName() + "/" + c.parentCode()))
        .doesNotHaveDuplicates();
  }

  @Test
  void everyOldNameResolvesToTheUnitThatCoversItNow() {
    assertThat(regions.changes())
        .allSatisfy(
            c -> {
              // as buyers write it: province, city (not the placeholders 市辖区, 县), old name
              String province = regions.find(c.parentCode().substring(0, 2)).orElseThrow().name();
              String city =
                  c.parentCode().length() == 4
                      ? regions.find(c.parentCode()).map(Region::name).orElse("")
                      : "";
              String address = province + (city.length() > 1 ? city : "") + c.oldName() + "人民路1号";
              assertThat(parser.parse(address).regionCode())
                  .as(address)
                  .hasValueSatisfying(code -> assertThat(code).startsWith(c.newCode()));
            });
  }
}
