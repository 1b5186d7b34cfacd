package com.shipdelay.merchant;

import java.util.List;

/** The body of {@code POST} and {@code PUT /api/v1/freight-templates}: the whole template. */
record FreightTemplateRequest(
    String name, List<String> nonDeliveryRegions, List<String> nonFreeShippingRegions) {}
