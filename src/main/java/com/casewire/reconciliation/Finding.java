package com.casewire.reconciliation;

/**
 * What one correlated group turned out to be: {@code kind} is {@code matched} or the exception's name (see
 * {@link Section}); amounts in cents (null outside the money section); {@code records} names the facts by side and id.
 */
public record Finding(String section, String matchKey, String kind, Long gatewayCents, Long practiceCents, String party,
               String matterId, String records, String detail) {

    public boolean matched() {
        return Section.Kind.MATCHED.equals(kind);
    }
}
