package com.casewire.staff;

import com.casewire.canonical.Channel;
import com.casewire.canonical.StaffMember;
import com.casewire.practice.PracticeLedger;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Who to reach for a practice-system user: the person in {@code routes/staff.yaml}, else the user as the practice
 * system lists them (active staff), reached by the email it has for them, in the firm's zone, with no roles.
 */
public class FirmStaff {

    private static final Logger log = LoggerFactory.getLogger(FirmStaff.class);

    private final StaffDirectory directory;
    private final ObjectProvider<PracticeLedger> ledger;

    FirmStaff(StaffDirectory directory, ObjectProvider<PracticeLedger> ledger) {
        this.directory = directory;
        this.ledger = ledger;
    }

    public StaffDirectory directory() {
        return directory;
    }

    /** The person with this practice-system user id; empty when neither the file nor the system knows them. */
    public Optional<Staff> byPracticeUserId(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        Optional<Staff> listed = directory.byPracticeUserId(userId);
        if (listed.isPresent()) {
            return listed;
        }
        return fromPracticeSystem(m -> userId.equals(m.id()));
    }

    /** The person with this email (a Google calendar id is its owner's email); the file first, then the system. */
    public Optional<Staff> byEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        Optional<Staff> listed = directory.byEmail(email);
        if (listed.isPresent()) {
            return listed;
        }
        return fromPracticeSystem(m -> m.email() != null && m.email().equalsIgnoreCase(email.strip()));
    }

    private Optional<Staff> fromPracticeSystem(java.util.function.Predicate<StaffMember> match) {
        PracticeLedger practice = ledger.getIfAvailable();
        if (practice == null) {
            return Optional.empty();
        }
        Optional<Staff> found = practice.staff().stream().filter(match).filter(m -> m.email() != null && m.name() != null)
                .findFirst().map(m -> new Staff(m.name(), m.email(), null, null, m.id(), Set.of(), Channel.EMAIL));
        found.ifPresent(s -> log.debug("user {} is not in staff.yaml: reached by the practice system's email", s.practiceUserId()));
        return found;
    }
}
