package com.casewire.retainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The integrator's retainer rules ({@code routes/retainer.rules.yaml}): thresholds and "replenish to" levels for the
 * firm, by practice area and by matter; which custom fields override them; the reminder ladder's days; who signs.
 * Checked whole at start-up; a bad value stops the hub with the file and key named.
 */
final class RetainerRules {

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

    private static final Set<String> TERM_KEYS = Set.of("below", "belowPercent", "belowHours", "replenishTo",
            "replenishToHours", "agreed", "rate", "retainerType");

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

    static RetainerRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read retainer rules " + file.toAbsolutePath(), e);
        }
    }

    static RetainerRules parse(InputStream in, String file) {
        Object loaded = new Yaml().load(in);
        if (!(loaded instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(file + ": expected a mapping (firm, practiceAreas, matters, ladder, ...)");
        }
        Map<String, Object> root = mapping(loaded, file, "the file");
        Terms firm = terms(root.get("firm"), file, "firm");
        if (firm.below() == null || firm.replenishTo() == null) {
            throw new IllegalArgumentException(file + ": firm needs a threshold (below, belowPercent or belowHours) and "
                    + "replenishTo (or replenishToHours): the default every matter falls back to");
        }
        Map<String, Terms> areas = new LinkedHashMap<>();
        mapping(root.get("practiceAreas"), file, "practiceAreas").forEach((area, t) ->
                areas.put(area.strip().toLowerCase(Locale.ROOT), terms(t, file, "practiceAreas." + area)));
        Map<String, Terms> matters = new LinkedHashMap<>();
        mapping(root.get("matters"), file, "matters").forEach((matter, t) ->
                matters.put(matter.strip(), terms(t, file, "matters." + matter)));
        Map<String, Object> fields = mapping(root.get("customFields"), file, "customFields");
        CustomFields custom = new CustomFields(text(fields.get("threshold")), text(fields.get("replenishTo")),
                text(fields.get("agreed")), text(fields.get("retainerType")), text(fields.get("billingContact")));
        Map<String, Object> ladder = mapping(root.get("ladder"), file, "ladder");
        int second = days(ladder.getOrDefault("secondReminderAfter", 5), file, "ladder.secondReminderAfter");
        int escalate = days(ladder.getOrDefault("escalateAfter", 10), file, "ladder.escalateAfter");
        if (escalate <= second) {
            throw new IllegalArgumentException(file + ": ladder.escalateAfter (" + escalate
                    + ") must come after ladder.secondReminderAfter (" + second + ")");
        }
        int payWithin = days(root.getOrDefault("payWithin", 5), file, "payWithin");
        Sender sender = switch (String.valueOf(root.getOrDefault("sender", "attorney")).strip()) {
            case "attorney" -> Sender.ATTORNEY;
            case "billing-manager" -> Sender.BILLING_MANAGER;
            default -> throw new IllegalArgumentException(file + ": sender must be attorney or billing-manager, not '"
                    + root.get("sender") + "'");
        };
        Object unbilled = root.getOrDefault("countUnbilledWork", true);
        if (!(unbilled instanceof Boolean countUnbilled)) {
            throw new IllegalArgumentException(file + ": countUnbilledWork must be true or false");
        }
        Duration credit = com.casewire.timeentry.TimeEntryRules.duration(root.getOrDefault("depositCreditFor", "3d"), file,
                "depositCreditFor");
        String prefix = String.valueOf(root.getOrDefault("payReferencePrefix", "retainer-")).strip();
        if (prefix.isEmpty() || prefix.length() > 40 || !prefix.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException(file + ": payReferencePrefix must be 1 to 40 letters, digits or . _ : -");
        }
        return new RetainerRules(firm, areas, matters, custom, second, escalate, payWithin, sender, countUnbilled, credit,
                prefix);
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

    private static Terms terms(Object value, String file, String key) {
        Map<String, Object> t = mapping(value, file, key);
        for (String name : t.keySet()) {
            if (!TERM_KEYS.contains(name)) {
                throw new IllegalArgumentException(file + ": " + key + "." + name + " is not a retainer term (one of "
                        + String.join(", ", new java.util.TreeSet<>(TERM_KEYS)) + ")");
            }
        }
        try {
            long thresholds = t.keySet().stream().filter(k -> k.startsWith("below")).count();
            if (thresholds > 1) {
                throw new IllegalArgumentException("give one of below, belowPercent or belowHours");
            }
            if (t.containsKey("replenishTo") && t.containsKey("replenishToHours")) {
                throw new IllegalArgumentException("give replenishTo or replenishToHours, not both");
            }
            Level below = t.containsKey("below") ? Level.amount(text(t.get("below")))
                    : t.containsKey("belowPercent") ? Level.percent(text(t.get("belowPercent")))
                    : t.containsKey("belowHours") ? Level.hours(text(t.get("belowHours"))) : null;
            Level replenish = t.containsKey("replenishTo") ? Level.parse(text(t.get("replenishTo")))
                    : t.containsKey("replenishToHours") ? Level.hours(text(t.get("replenishToHours"))) : null;
            Long agreed = t.containsKey("agreed") ? Level.amount(text(t.get("agreed"))).cents(null, null).getAsLong() : null;
            Long rate = t.containsKey("rate") ? Level.amount(text(t.get("rate"))).cents(null, null).getAsLong() : null;
            return new Terms(below, replenish, agreed, rate, text(t.get("retainerType")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + key + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object value, String file, String key) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": " + key + " must be a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) map).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static int days(Object value, String file, String key) {
        if (!(value instanceof Integer n) || n < 1 || n > 60) {
            throw new IllegalArgumentException(file + ": " + key + " must be a whole number of business days, 1 to 60");
        }
        return n;
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
    }
}
