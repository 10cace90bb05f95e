package com.casewire.practice;

/**
 * A {@link PracticeLedger} operation the firm's practice-management system does not offer (MyCase: trust balances
 * and trust transactions, for which MyCase documents no endpoint). Thrown instead of an empty or zero answer, which
 * a retainer reminder would take for an empty trust account. Permanent: retrying does not help.
 */
public class LedgerOperationUnavailable extends UnsupportedOperationException {

    private final String vendor;
    private final String operation;

    public LedgerOperationUnavailable(String vendor, String operation, String detail) {
        super(operation + " not available on " + vendor + ": " + detail);
        this.vendor = vendor;
        this.operation = operation;
    }

    public String vendor() {
        return vendor;
    }

    public String operation() {
        return operation;
    }
}
