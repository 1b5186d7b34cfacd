package com.shipdelay.exemption;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

/** An announcement to publish; {@code appliesTo} holds RECEIVING and/or SHIP_FROM. */
record AnnouncementRequest(
    String title,
    List<String> regions,
    @ArraySchema(schema = @Schema(implementation = Announcement.AppliesTo.class))
        List<String> appliesTo,
    OffsetDateTime promisedFrom,
    OffsetDateTime promisedTo) {}
