package com.shipdelay.region;

import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one check of region codes that a request names: every code not in the GB/T 2260 dictionary is
 * one {@code errors} item ({@link #unknown}), and the request answers 422 {@code UNKNOWN_REGION}
 * listing them all. Collect every field of a request, then {@link #orRefuse()}:
 *
 * <pre>{@code
 * regions.check().list("nonDeliveryRegions", a).list("nonFreeShippingRegions", b).orRefuse();
 * }</pre>
 */
public final class RegionCheck {

  private final Regions regions;
  private final List<String> unknownCodes = new ArrayList<>();
  private final List<FieldError> errors = new ArrayList<>();

  RegionCheck(Regions regions) {
    this.regions = regions;
  }

  /** The errors item of one unknown code: the same text wherever a code is checked. */
  public static FieldError unknown(String field, String code) {
    return FieldError.of(field, "未知的地区代码：" + code);
  }

  /** One code ({@code shipFromRegion}); a missing code is unknown too. */
  public RegionCheck code(String field, String code) {
    if (!regions.exists(code)) {
      add(field, code);
    }
    return this;
  }

  /**
   * Codes given as the repeated values of one field (a repeatable query parameter, a set): each
   * item names the field.
   */
  public RegionCheck values(String field, Collection<String> codes) {
    if (codes != null) {
      codes.stream().filter(c -> !regions.exists(c)).forEach(c -> add(field, c));
    }
    return this;
  }

  /** Codes of a JSON list: each item names its element ({@code field[2]}). */
  public RegionCheck list(String field, List<String> codes) {
    if (codes != null) {
      for (int i = 0; i < codes.size(); i++) {
        if (!regions.exists(codes.get(i))) {
          add(field + "[" + i + "]", codes.get(i));
        }
      }
    }
    return this;
  }

  private void add(String field, String code) {
    unknownCodes.add(String.valueOf(code));
    errors.add(unknown(field, code));
  }

  /** 422 {@code UNKNOWN_REGION} when any code checked is unknown. */
  public void orRefuse() {
    if (!errors.isEmpty()) {
      throw new ApiException(
          ErrorCode.UNKNOWN_REGION,
          "未知的地区代码（须为 GB/T 2260 代码）：" + String.join("、", unknownCodes),
          errors);
    }
  }
}
