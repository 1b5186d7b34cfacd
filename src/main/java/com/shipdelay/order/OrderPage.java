package com.shipdelay.order;

import java.util.List;

/** A paged answer: {@code { "items", "page", "size", "total" }}. */
record OrderPage(List<OrderView> items, int page, int size, long total) {}
