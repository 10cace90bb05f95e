package com.casewire.retainer;

import com.casewire.routesdir.RulesYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The integrator's retainer rules ({@code routes/retainer.rules.yaml}): thresholds and "replenish to" levels for the
 * firm, by practice area and by matter; which custom fields override them; the reminder ladder's days; who signs.
 * Checked whole at start-up; a bad value stops the hub with the file and key named.
 */
public final class RetainerRules {

    /**
     * One tier's terms; any of them may be null (not said at this tier). {@code below} is the threshold,
     * {@code replenishTo} the level a deposit should restore, {@code agreedCents} the agreed retainer,
     * {@code rateCents} an hourly rate for hour-based levels, {@code retainerType} how messages name the retainer.
     */
    record Terms(Level below, Level replenishTo, Long agreedCents, Long rateCents, String retainerType) {
        static final Terms NONE = new Terms(null, null, null, null, null);
    }

    /** The custom field names (as the firm named them in the practice system) that override the file; null: unused. */
    record CustomFields(String threshold, String replenishTo, String agreed, String retainerType, String billingContact) {
    }

    /** Who the reminders come from (sender name and Reply-To). */
    enum Sender { ATTORNEY, BILLING_MANAGER }

    /** The file as written: every key but firm optional, each with the default the comment in the file gives. */
    record File(TermsSpec firm, Map<String, TermsSpec> practiceAreas, Map<String, TermsSpec> matters,
                CustomFields customFields, Ladder ladder, Integer payWithin, String sender, Boolean countUnbilledWork,
                String depositCreditFor, String payReferencePrefix) {
    }

    /** One tier's terms as written; amounts stay text ("2500.00", "50%", "agreed") for {@link Level} to read. */
    record TermsSpec(String below, String belowPercent, String belowHours, String replenishTo, String replenishToHours,
                     String agreed, String rate, String retainerType) {
    }

    record Ladder(Integer secondReminderAfter, Integer escalateAfter) {
    }

    private final Terms firm;
    private final Map<String, Terms> practiceAreas;
    private final Map<String, Terms> matters;
    private final CustomFields customFields;
    private final int secondReminderAfter;
    private final int escalateAfter;
    private final int payWithin;
    private final Sender sender;
    private final boolean countUnbilledWork;
    private final Duration depositCreditFor;
    private final String referencePrefix;

    RetainerRules(Terms firm, Map<String, Terms> practiceAreas, Map<String, Terms> matters, CustomFields customFields,
                  int secondReminderAfter, int escalateAfter, int payWithin, Sender sender, boolean countUnbilledWork,
                  Duration depositCreditFor, String referencePrefix) {
        this.firm = firm;
        this.practiceAreas = Map.copyOf(practiceAreas);
        this.matters = Map.copyOf(matters);
        this.customFields = customFields;
        this.secondReminderAfter = secondReminderAfter;
        this.escalateAfter = escalateAfter;
        this.payWithin = payWithin;
        this.sender = sender;
        this.countUnbilledWork = countUnbilledWork;
        this.depositCreditFor = depositCreditFor;
        this.referencePrefix = referencePrefix;
    }

    public static RetainerRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read retainer rules " + file.toAbsolutePath(), e);
        }
    }

    static RetainerRules parse(InputStream in, String file) {
        RulesYaml.Source src = RulesYaml.source(in, file);
        File f = src.bind(File.class);
        Terms firm = terms(f.firm(), src, "firm");
        if (firm.below() == null || firm.replenishTo() == null) {
            throw src.problem("firm needs a threshold (below, belowPercent or belowHours) and "
                    + "replenishTo (or replenishToHours): the default every matter falls back to", "firm");
        }
        Map<String, Terms> areas = new LinkedHashMap<>();
        orEmpty(f.practiceAreas()).forEach((area, t) ->
                areas.put(area.strip().toLowerCase(Locale.ROOT), terms(t, src, "practiceAreas", area)));
        Map<String, Terms> matters = new LinkedHashMap<>();
        orEmpty(f.matters()).forEach((matter, t) -> matters.put(matter.strip(), terms(t, src, "matters", matter)));
        CustomFields fields = f.customFields() == null ? new CustomFields(null, null, null, null, null) : f.customFields();
        CustomFields custom = new CustomFields(text(fields.threshold()), text(fields.replenishTo()), text(fields.agreed()),
                text(fields.retainerType()), text(fields.billingContact()));
        Ladder ladder = f.ladder() == null ? new Ladder(null, null) : f.ladder();
        int second = days(ladder.secondReminderAfter(), 5, src, "ladder", "secondReminderAfter");
        int escalate = days(ladder.escalateAfter(), 10, src, "ladder", "escalateAfter");
        if (escalate <= second) {
            throw src.problem("ladder.escalateAfter (" + escalate + ") must come after ladder.secondReminderAfter ("
                    + second + ")", "ladder", "escalateAfter");
        }
        int payWithin = days(f.payWithin(), 5, src, "payWithin");
        Sender sender = switch (f.sender() == null ? "attorney" : f.sender().strip()) {
            case "attorney" -> Sender.ATTORNEY;
            case "billing-manager" -> Sender.BILLING_MANAGER;
            default -> throw src.problem("sender must be attorney or billing-manager, not '" + f.sender() + "'", "sender");
        };
        boolean countUnbilled = f.countUnbilledWork() == null || f.countUnbilledWork();
        Duration credit;
        try {
            credit = com.casewire.timeentry.TimeEntryRules.duration(f.depositCreditFor() == null ? "3d" : f.depositCreditFor());
        } catch (IllegalArgumentException e) {
            throw src.problem("depositCreditFor " + e.getMessage(), "depositCreditFor");
        }
        String prefix = f.payReferencePrefix() == null ? "retainer-" : f.payReferencePrefix().strip();
        if (prefix.isEmpty() || prefix.length() > 40 || !prefix.matches("[A-Za-z0-9._:-]+")) {
            throw src.problem("payReferencePrefix must be 1 to 40 letters, digits or . _ : -", "payReferencePrefix");
        }
        return new RetainerRules(firm, areas, matters, custom, second, escalate, payWithin, sender, countUnbilled, credit,
                prefix);
    }

    /** Who the reminders may go out under: the role {@code sender} names in staff.yaml, or none for the attorney. */
    public java.util.Optional<com.casewire.staff.Staff.Role> senderRole() {
        return sender == Sender.BILLING_MANAGER ? java.util.Optional.of(com.casewire.staff.Staff.Role.BILLING_MANAGER)
                : java.util.Optional.empty();
    }

    Terms firm() {
        return firm;
    }

    /** The practice area's terms (the name compared case-insensitively); NONE when the file says nothing. */
    Terms practiceArea(String name) {
        return name == null ? Terms.NONE : practiceAreas.getOrDefault(name.strip().toLowerCase(Locale.ROOT), Terms.NONE);
    }

    Terms matter(String matterId) {
        return matterId == null ? Terms.NONE : matters.getOrDefault(matterId, Terms.NONE);
    }

    CustomFields customFields() {
        return customFields;
    }

    /** Business days after the first reminder that the second one goes, unpaid. */
    int secondReminderAfter() {
        return secondReminderAfter;
    }

    /** Business days after the first reminder that the billing manager is alerted and work pauses, unpaid. */
    int escalateAfter() {
        return escalateAfter;
    }

    /** Business days the reminder gives to pay (the date it names). */
    int payWithin() {
        return payWithin;
    }

    Sender sender() {
        return sender;
    }

    /** Whether unbilled time and expenses count against the trust balance (what a new time entry changes). */
    boolean countUnbilledWork() {
        return countUnbilledWork;
    }

    /** How long a LawPay deposit counts before the practice system's balance is expected to show it. */
    Duration depositCreditFor() {
        return depositCreditFor;
    }

    /** The pay link's reference: this prefix and the matter id, which the payment brings back. */
    String reference(String matterId) {
        return referencePrefix + matterId;
    }

    /** The matter a payment reference names, or null when it is not a retainer reference. */
    String matterOf(String reference) {
        if (reference == null || !reference.strip().startsWith(referencePrefix)) {
            return null;
        }
        String id = reference.strip().substring(referencePrefix.length());
        return id.matches("[A-Za-z0-9_-]{1,64}") ? id : null;
    }

    private static Terms terms(TermsSpec t, RulesYaml.Source src, String... path) {
        if (t == null) {
            return Terms.NONE;
        }
        try {
            long thresholds = java.util.stream.Stream.of(t.below(), t.belowPercent(), t.belowHours())
                    .filter(java.util.Objects::nonNull).count();
            if (thresholds > 1) {
                throw new IllegalArgumentException("give one of below, belowPercent or belowHours");
            }
            if (t.replenishTo() != null && t.replenishToHours() != null) {
                throw new IllegalArgumentException("give replenishTo or replenishToHours, not both");
            }
            Level below = t.below() != null ? Level.amount(text(t.below()))
                    : t.belowPercent() != null ? Level.percent(text(t.belowPercent()))
                    : t.belowHours() != null ? Level.hours(text(t.belowHours())) : null;
            Level replenish = t.replenishTo() != null ? Level.parse(text(t.replenishTo()))
                    : t.replenishToHours() != null ? Level.hours(text(t.replenishToHours())) : null;
            Long agreed = t.agreed() != null ? Level.amount(text(t.agreed())).cents(null, null).getAsLong() : null;
            Long rate = t.rate() != null ? Level.amount(text(t.rate())).cents(null, null).getAsLong() : null;
            return new Terms(below, replenish, agreed, rate, text(t.retainerType()));
        } catch (IllegalArgumentException e) {
            throw src.problem(String.join(".", path) + ": " + e.getMessage(), (Object[]) path);
        }
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> map) {
        return map == null ? Map.of() : map;
    }

    private static int days(Integer value, int otherwise, RulesYaml.Source src, Object... path) {
        int n = value == null ? otherwise : value;
        if (n < 1 || n > 60) {
            throw src.problem(String.join(".", java.util.Arrays.stream(path).map(String::valueOf).toList())
                    + " must be a whole number of business days, 1 to 60", path);
        }
        return n;
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
    }
}
