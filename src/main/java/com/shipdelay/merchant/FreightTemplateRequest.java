package com.shipdelay.merchant;

import java.util.List;

/** The body of {@code POST} and {@code PUT /api/v1/freight-templates}: the whole template. */
record FreightTemplateRequest(
    String name, List<String> nonDeliveryRegions, List<String> nonFreeShippingRegions) {

  static final String EXAMPLE =
      "{\"name\":\"偏远地区不发货\",\"nonDeliveryRegions\":[\"65\",\"54\"],"
          + "\"nonFreeShippingRegions\":[\"15\",\"63\"]}";
}
