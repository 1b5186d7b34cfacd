package com.shipdelay.validation;

import java.util.Set;

/**
 * What the admins' DMN table says about a report type: whether it is bound to affected regions,
 * which evidence kinds satisfy it (any one of them), and the longest delay allowed.
 */
public record TypePolicy(
    boolean regionBound, Set<String> acceptedEvidenceKinds, int maxDelayDays) {}
