package com.casewire.staff;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * Someone at the firm, as {@code routes/staff.yaml} names them (or, for staff only the practice system knows, as it
 * does: name and email, reached by email).
 *
 * @param mobile E.164 number, or null
 * @param timeZone the person's zone, or null for the firm's
 * @param practiceUserId the Clio user id or MyCase staff id
 * @param prefers how this person gets prompts and alerts; SMS falls back to email for someone without a mobile
 */
public record Staff(String name, String email, String mobile, ZoneId timeZone, String practiceUserId, Set<Role> roles,
                    Channel prefers) {

    /** The roles a workflow may look a person up by. */
    public enum Role {
        ATTORNEY("attorney"), BILLING_MANAGER("billing-manager"), BILLING_PARTNER("billing-partner"),
        INTAKE_OWNER("intake-owner"), PRACTICE_GROUP_LEADER("practice-group-leader");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Role of(String id) {
            for (Role r : values()) {
                if (r.id.equals(id)) {
                    return r;
                }
            }
            return null;
        }
    }

    public Staff {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(practiceUserId, "practiceUserId");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        prefers = prefers == null ? Channel.EMAIL : prefers;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The channel prompts actually use: SMS only when asked for and a mobile is known. */
    public Channel channel() {
        return prefers == Channel.SMS && mobile != null ? Channel.SMS : Channel.EMAIL;
    }

    public String firstName() {
        return name.split(" ")[0];
    }

    /** The person's zone, else {@code firmZone}. */
    public ZoneId zoneOr(ZoneId firmZone) {
        return timeZone != null ? timeZone : firmZone;
    }

    /** As a notification recipient who gets messages on their own channel, in their own zone. */
    public Contact asContact() {
        return new Contact(practiceUserId, name, firstName(), email, mobile, channel(),
                timeZone == null ? null : timeZone.getId());
    }
}
