package com.shipdelay.exemption;

import java.time.OffsetDateTime;
import java.util.List;

/** An announcement to publish; {@code appliesTo} holds RECEIVING and/or SHIP_FROM. */
record AnnouncementRequest(
    String title,
    List<String> regions,
    List<String> appliesTo,
    OffsetDateTime promisedFrom,
    OffsetDateTime promisedTo) {}
