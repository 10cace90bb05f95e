package com.casewire.billing;

/** The three per-invoice stages of the ladder, in order; the monthly statement is per client and lives apart. */
enum LadderStage {
    REMINDER(1, "reminder"), SECOND_NOTICE(2, "second-notice"), ESCALATION(3, "escalation");

    private final int number;
    private final String template;

    LadderStage(int number, String template) {
        this.number = number;
        this.template = template;
    }

    int number() {
        return number;
    }

    /** The template name under templates/billing/. */
    String template() {
        return template;
    }

    static LadderStage of(int number) {
        for (LadderStage s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        throw new IllegalArgumentException("no ladder stage " + number);
    }

    /** The stage after {@code lastSent} (0: none sent yet); null after the last. */
    static LadderStage after(int lastSent) {
        return lastSent >= ESCALATION.number ? null : of(lastSent + 1);
    }
}
