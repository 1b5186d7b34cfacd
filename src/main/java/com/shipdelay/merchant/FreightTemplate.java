package com.shipdelay.merchant;

import java.util.List;

/** A merchant's freight template, as the API shows it. */
record FreightTemplate(
    long id, String name, List<String> nonDeliveryRegions, List<String> nonFreeShippingRegions) {}
