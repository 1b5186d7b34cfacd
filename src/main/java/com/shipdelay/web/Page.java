package com.shipdelay.web;

import java.util.List;

/** A page of a list, as every paged answer of the API has it; built from its {@link Paging}. */
public record Page<T>(List<T> items, int page, int size, long total) {}
