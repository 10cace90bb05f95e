package com.casewire.retainer;

import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A matter's retainer terms in cents, from the rules and the matter's custom fields. Each term is taken from the most
 * specific place that states it: the matter's custom field, then the file's entry for the matter, its practice area,
 * the firm. A level that needs the agreed retainer or a billing rate nobody states, a custom field that is not a level,
 * or a "replenish to" level not above the threshold is a refusal with its reason: the matter is not watched rather
 * than reminded with a made-up amount.
 */
final class RetainerTerms {

    /** Where a matter's threshold came from, for the by-tier views. */
    static final String MATTER_FIELD = "matter-field";
    static final String MATTER = "matter";
    static final String PRACTICE_AREA = "practice-area";
    static final String FIRM = "firm";

    /** The matter's terms in cents; {@code tier} is where the threshold came from. */
    record Resolved(long thresholdCents, long replenishToCents, String tier, String retainerType) {
    }

    /** Either terms, or why the matter has none. */
    record Resolution(Resolved terms, String refusal) {
        static Resolution refused(String reason) {
            return new Resolution(null, reason);
        }
    }

    private final RetainerRules rules;

    RetainerTerms(RetainerRules rules) {
        this.rules = rules;
    }

    /**
     * @param customFields the matter's custom fields by name (empty when the system has none)
     * @param attorneyRate the responsible attorney's rate in the practice system, asked only for an hour-based level
     *                     that no rule gives a rate for
     */
    Resolution resolve(String matterId, String practiceArea, Map<String, String> customFields,
                       Supplier<OptionalLong> attorneyRate) {
        RetainerRules.Terms matter = rules.matter(matterId);
        RetainerRules.Terms area = rules.practiceArea(practiceArea);
        RetainerRules.Terms firm = rules.firm();
        RetainerRules.CustomFields names = rules.customFields();
        Level threshold;
        String tier;
        Level replenish;
        Long agreed;
        try {
            Level fieldThreshold = field(customFields, names.threshold()) == null ? null : Level.parse(field(customFields, names.threshold()));
            if (fieldThreshold != null) {
                threshold = fieldThreshold;
                tier = MATTER_FIELD;
            } else if (matter.below() != null) {
                threshold = matter.below();
                tier = MATTER;
            } else if (area.below() != null) {
                threshold = area.below();
                tier = PRACTICE_AREA;
            } else {
                threshold = firm.below();
                tier = FIRM;
            }
            String fieldReplenish = field(customFields, names.replenishTo());
            replenish = fieldReplenish != null ? Level.parse(fieldReplenish)
                    : first(matter.replenishTo(), area.replenishTo(), firm.replenishTo());
            String fieldAgreed = field(customFields, names.agreed());
            agreed = fieldAgreed != null ? Level.parse(fieldAgreed).cents(null, null).orElseThrow(
                    () -> new IllegalArgumentException("the agreed retainer must be an amount, not '" + fieldAgreed + "'"))
                    : first(matter.agreedCents(), area.agreedCents(), firm.agreedCents());
        } catch (IllegalArgumentException e) {
            return Resolution.refused("a retainer custom field on matter " + matterId + " is not usable: " + e.getMessage());
        }
        Long rate = first(matter.rateCents(), area.rateCents(), firm.rateCents());
        if (rate == null && (threshold.kind() == Level.Kind.HOURS || replenish.kind() == Level.Kind.HOURS)) {
            OptionalLong fromSystem = attorneyRate.get();
            rate = fromSystem.isPresent() ? fromSystem.getAsLong() : null;
        }
        OptionalLong below = threshold.cents(agreed, rate);
        if (below.isEmpty()) {
            return Resolution.refused("threshold " + threshold + " needs " + threshold.needs() + ", which matter " + matterId
                    + " does not have");
        }
        OptionalLong to = replenish.cents(agreed, rate);
        if (to.isEmpty()) {
            return Resolution.refused("replenish-to level " + replenish + " needs " + replenish.needs() + ", which matter "
                    + matterId + " does not have");
        }
        if (to.getAsLong() <= below.getAsLong()) {
            return Resolution.refused("replenish-to level " + replenish + " (" + to.getAsLong() + " cents) is not above the "
                    + "threshold " + threshold + " (" + below.getAsLong() + " cents) on matter " + matterId);
        }
        String fieldType = field(customFields, names.retainerType());
        String type = fieldType != null ? fieldType : first(matter.retainerType(), area.retainerType(), firm.retainerType());
        return new Resolution(new Resolved(below.getAsLong(), to.getAsLong(), tier, type == null ? "trust retainer" : type),
                null);
    }

    private static String field(Map<String, String> fields, String name) {
        if (name == null || fields == null) {
            return null;
        }
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name.strip()) && e.getValue() != null && !e.getValue().isBlank()) {
                return e.getValue().strip();
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
