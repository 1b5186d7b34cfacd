package com.shipdelay.evidence;

/** One file checked and put in the object store, not yet recorded against its report. */
record StagedFile(
    String kind,
    String fileName,
    String contentType,
    long size,
    String sha256,
    String key,
    String etag) {}
