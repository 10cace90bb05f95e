package com.casewire.retainer;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import com.casewire.canonical.StaffMember;
import com.casewire.canonical.TrustBalanceLow;
import com.casewire.lawpay.PayLinks;
import com.casewire.notify.ChannelPreferences;
import com.casewire.notify.Notifier;
import com.casewire.outbox.Outbox;
import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeManagement;
import com.casewire.practice.PracticeTaskChannel;
import com.casewire.staff.FirmStaff;
import com.casewire.staff.Staff;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the retainer workflow says, and to whom (routes/retainer.camel.yaml). The first reminder and the second go to
 * the matter's billing contact (a contact named by the rules' {@code customFields.billingContact} field, else the
 * client), one per matter, from the attorney on record or the billing manager (sender name and Reply-To), with the
 * amount that restores the agreed level and a LawPay pay link for exactly that amount; the second copies the matter's
 * attorney. The escalation alerts the billing managers and practice-group leaders in staff.yaml and gives the matter's
 * attorney a pause-work task in the practice system. The hub asks and informs; it never moves money.
 */
public class RetainerReminders {

    private static final Logger log = LoggerFactory.getLogger(RetainerReminders.class);

    public static final String WORKFLOW = "retainer";
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);

    private final RetainerRules rules;
    private final RetainerStore store;
    private final RetainerLadder ladder;
    private final RetainerWatch watch;
    private final PracticeManagement practice;
    private final PracticeLedger ledger;
    private final FirmStaff staff;
    private final PayLinks payLinks;
    private final boolean payPageConfigured;
    private final Outbox outbox;
    private final ChannelPreferences preferences;
    private final Clock clock;

    RetainerReminders(RetainerRules rules, RetainerStore store, RetainerLadder ladder, RetainerWatch watch,
                      PracticeManagement practice, PracticeLedger ledger, FirmStaff staff, PayLinks payLinks,
                      boolean payPageConfigured, Outbox outbox, ChannelPreferences preferences, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.ladder = ladder;
        this.watch = watch;
        this.practice = practice;
        this.ledger = ledger;
        this.staff = staff;
        this.payLinks = payLinks;
        this.payPageConfigured = payPageConfigured;
        this.outbox = outbox;
        this.preferences = preferences;
        this.clock = clock;
    }

    /** The episode's first reminder; the ladder's rungs are set from now. Null when the matter has gone. */
    public Notification first(@Body TrustBalanceLow low) {
        Optional<Matter> matter = practice.findMatter(low.matterId());
        if (matter.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        ladder.start(low.matterId(), low.episode(), now);
        RetainerStore.Row row = store.find(low.matterId()).orElseThrow();
        return reminder("reminder", matter.get(), row, low.amountCents(), now, null);
    }

    /**
     * A ladder rung fell due. The balance is read again first: restored (or a deposit covered it), the rung says
     * nothing; otherwise the second reminder (attorney copied, amount recomputed after any partial deposit), or the
     * escalation (alerts, and the pause-work task through the outbox). Empty when nothing is to be said.
     */
    public List<Notification> rung(@Body String payload) {
        RetainerLadder.Rung rung = RetainerLadder.Rung.parse(payload);
        if (!stillLow(rung)) {
            return List.of();
        }
        watch.check(rung.matterId(), "ladder");
        if (!stillLow(rung)) {
            log.info("retainer ladder of matter {} (episode {}) stopped at {}: the balance is back", rung.matterId(),
                    rung.episode(), rung.rung());
            return List.of();
        }
        RetainerStore.Row row = store.find(rung.matterId()).orElseThrow();
        Optional<Matter> found = practice.findMatter(rung.matterId());
        if (found.isEmpty()) {
            return List.of();
        }
        Matter matter = found.get();
        Instant now = clock.instant();
        long amount = amountDue(row, now);
        if (RetainerLadder.SECOND.equals(rung.rung())) {
            Notification second = reminder("second-reminder", matter, row, amount, now, attorneyEmail(matter));
            return second == null ? List.of() : List.of(second);
        }
        return escalate(matter, row, amount, now);
    }

    /** What restores the agreed level now: the last figures, less recent deposits the system may not show yet. */
    long amountDue(RetainerStore.Row row, Instant now) {
        long available = RetainerWatch.effectiveAvailable(row, row.availableCents(), now, rules.depositCreditFor());
        return Math.max(0, row.replenishToCents() - available);
    }

    private boolean stillLow(RetainerLadder.Rung rung) {
        return store.find(rung.matterId()).filter(r -> r.low() && r.episode() == rung.episode()).isPresent();
    }

    private Notification reminder(String milestone, Matter matter, RetainerStore.Row row, long amount, Instant now,
                                  String copyTo) {
        if (amount <= 0) {
            return null;
        }
        Contact to = billingContact(matter);
        if (to == null) {
            log.warn("retainer reminder for matter {}: no billing contact and no client to write to", matter.id());
            return null;
        }
        to = preferences.applyTo(to);
        if (to.preferredChannel() == null) {
            to = to.withPreferredChannel(Channel.EMAIL); // email by default; SMS only for those who asked for texts
        }
        Map<String, String> model = describe(matter, row, amount, now);
        sender(matter).ifPresent(s -> {
            model.put(Notifier.SENDER_NAME, s.name());
            model.put(Notifier.SENDER_EMAIL, s.email());
        });
        model.putIfAbsent(Notifier.SENDER_NAME, "The billing team");
        if (copyTo != null) {
            model.put(Notifier.COPY_TO, copyTo);
        }
        String key = WORKFLOW + ":" + matter.id() + ":" + row.episode() + ":" + milestone;
        log.info("retainer {} for matter {} (episode {}): {} cents to {} ({})", milestone, matter.id(), row.episode(), amount,
                to.id(), matter.client() != null && java.util.Objects.equals(to.id(), matter.client().id()) ? "the client"
                        : "the billing contact");
        return new Notification(key, WORKFLOW, milestone, matter.practiceArea(), matter.id(),
                new Recipient(to, "billing-contact"), model, false, false,
                List.of(Channel.EMAIL.id(), Channel.SMS.id()), null);
    }

    private List<Notification> escalate(Matter matter, RetainerStore.Row row, long amount, Instant now) {
        Map<String, String> model = describe(matter, row, amount, now);
        model.put("attorney.name", matter.responsibleAttorney() == null ? "the matter's attorney"
                : String.valueOf(matter.responsibleAttorney().name()));
        model.put("lowSince", row.lowSince() == null ? "" : DATE.format(ladder.localDate(row.lowSince())));
        Map<String, Staff> people = new LinkedHashMap<>();
        staff.directory().withRole(Staff.Role.BILLING_MANAGER).forEach(p -> people.putIfAbsent(p.practiceUserId(), p));
        staff.directory().withRole(Staff.Role.PRACTICE_GROUP_LEADER).forEach(p -> people.putIfAbsent(p.practiceUserId(), p));
        String base = WORKFLOW + ":" + matter.id() + ":" + row.episode() + ":";
        List<Notification> alerts = new ArrayList<>();
        for (Staff person : people.values()) {
            Map<String, String> m = new HashMap<>(model);
            m.put("staff.firstName", person.firstName());
            alerts.add(new Notification(base + "alert:" + person.practiceUserId(), WORKFLOW, "alert", null, matter.id(),
                    new Recipient(person.asContact(), "staff"), m, false, false, List.of(person.channel().id()), null));
        }
        if (matter.responsibleAttorney() != null && matter.responsibleAttorney().id() != null) {
            outbox.enqueue(base + "pause-work", PracticeTaskChannel.task(matter.responsibleAttorney().id(),
                    "Pause work: retainer unpaid on " + model.get("matter.number"),
                    "The trust retainer on " + model.get("matter.name") + " (" + model.get("matter.number") + ") has been "
                            + "below its threshold since " + model.get("lowSince") + " and is still unpaid: "
                            + model.get("balance") + " in trust, " + model.get("amount") + " needed to restore "
                            + model.get("replenishTo") + ". Pause non-urgent work until the deposit arrives.",
                    matter.id(), WORKFLOW));
        } else {
            log.warn("retainer escalation for matter {}: no responsible attorney for the pause-work task", matter.id());
        }
        log.info("retainer escalation for matter {} (episode {}): {} alerts, pause-work task", matter.id(), row.episode(),
                alerts.size());
        return alerts;
    }

    /** What every message about the matter may say. */
    private Map<String, String> describe(Matter matter, RetainerStore.Row row, long amount, Instant now) {
        Map<String, String> model = new HashMap<>();
        model.put("matter.name", matter.name() == null ? "matter " + matter.id() : matter.name());
        model.put("matter.number", matter.displayNumber() == null ? matter.id() : matter.displayNumber());
        model.put("retainer.type", row.retainerType() == null ? "trust retainer" : row.retainerType());
        model.put("balance", money(row.balanceCents()));
        model.put("unbilled", money(row.unbilledCents()));
        model.put("threshold", money(row.thresholdCents()));
        model.put("replenishTo", money(row.replenishToCents()));
        model.put("amount", money(amount));
        LocalDate payBy = ladder.payBy(now);
        model.put("payBy", DATE.format(payBy));
        model.put("payLink", payPageConfigured ? payLinks.forInvoice(amount, rules.reference(matter.id()))
                : "(reply to this message and we will send you a way to pay)");
        return model;
    }

    /** A contact named by the billing-contact custom field, else the client. */
    private Contact billingContact(Matter matter) {
        String field = rules.customFields().billingContact();
        if (field != null) {
            try {
                String id = ledger.matterCustomFields(matter.id()).entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(field)).map(Map.Entry::getValue).findFirst().orElse(null);
                if (id != null) {
                    Optional<Contact> contact = ledger.contact(id);
                    if (contact.isPresent()) {
                        return contact.get();
                    }
                    log.warn("matter {}: billing contact '{}' named by custom field {} not found; the client is reminded",
                            matter.id(), id, field);
                }
            } catch (LedgerOperationUnavailable e) {
                log.debug("matter {}: no custom fields on this system; the client is reminded", matter.id());
            }
        }
        return matter.client();
    }

    /** Who signs: the attorney on record or the billing manager, as the rules say; the other when that one is missing. */
    private Optional<StaffMember> sender(Matter matter) {
        Optional<StaffMember> attorney = Optional.ofNullable(matter.responsibleAttorney())
                .map(a -> new StaffMember(a.id(), a.name(), Optional.ofNullable(attorneyEmail(matter)).orElse(a.email())))
                .filter(a -> a.name() != null && a.email() != null);
        Optional<StaffMember> manager = staff.directory().withRole(Staff.Role.BILLING_MANAGER).stream()
                .filter(p -> p.email() != null).findFirst()
                .map(p -> new StaffMember(p.practiceUserId(), p.name(), p.email()));
        return rules.sender() == RetainerRules.Sender.ATTORNEY ? attorney.or(() -> manager) : manager.or(() -> attorney);
    }

    /** The matter attorney's email: staff.yaml's when listed, else the practice system's. */
    private String attorneyEmail(Matter matter) {
        if (matter.responsibleAttorney() == null) {
            return null;
        }
        return staff.byPracticeUserId(matter.responsibleAttorney().id()).map(Staff::email).filter(e -> e != null)
                .orElse(matter.responsibleAttorney().email());
    }

    static String money(Long cents) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        return format.format(BigDecimal.valueOf(cents == null ? 0 : cents).movePointLeft(2));
    }
}
