package com.shipdelay.merchant;

/** A merchant as the rest of the application sees it once its token was checked. */
public record Merchant(long id, String name, String shipFromRegion) {}
