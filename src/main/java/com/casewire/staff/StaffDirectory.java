package com.casewire.staff;

import com.casewire.canonical.Channel;
import com.casewire.canonical.PhoneNumbers;
import com.casewire.routesdir.RulesYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The firm's people from {@code routes/staff.yaml}, shared by every workflow. Checked whole at start-up: a bad role,
 * a number that is not E.164, an unknown time zone, an unknown key or a duplicate stops the hub with a message that
 * names the file and the entry.
 */
public final class StaffDirectory {

    private final List<Staff> staff;

    StaffDirectory(List<Staff> staff) {
        this.staff = List.copyOf(staff);
    }

    public static StaffDirectory load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staff directory " + file.toAbsolutePath(), e);
        }
    }

    /** The file as written. */
    record File(List<Entry> staff) {
    }

    /** One person as written. */
    record Entry(String name, String email, String mobile, String timeZone, String practiceUserId, List<String> roles,
                 String prefers) {
    }

    public static StaffDirectory parse(InputStream in, String file) {
        RulesYaml.Source src = RulesYaml.source(in, file);
        File f = src.bind(File.class);
        if (f.staff() == null) {
            throw src.problem("expected 'staff:' with a list of people");
        }
        List<Staff> people = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < f.staff().size(); i++) {
            Entry m = f.staff().get(i);
            if (m == null) {
                throw src.problem("staff[" + i + "] must be a mapping (name, email, ...)", "staff", i);
            }
            String where = "staff[" + i + "]" + (m.name() == null ? "" : " (" + m.name() + ")");
            String name = text(m.name(), "name", where, src, i);
            String email = text(m.email(), "email", where, src, i).toLowerCase(Locale.ROOT);
            if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw src.problem(where + ": email '" + email + "' is not an email address", "staff", i, "email");
            }
            String mobile = null;
            if (m.mobile() != null) {
                String given = m.mobile().strip();
                mobile = given.startsWith("+") ? PhoneNumbers.toE164(given, "US").filter(given::equals).orElse(null) : null;
                if (mobile == null) {
                    throw src.problem(where + ": mobile '" + given + "' is not a valid E.164 number such as +16175550301",
                            "staff", i, "mobile");
                }
            }
            ZoneId zone = null;
            if (m.timeZone() != null) {
                try {
                    zone = ZoneId.of(m.timeZone().strip());
                } catch (DateTimeException e) {
                    throw src.problem(where + ": timeZone '" + m.timeZone() + "' is not an IANA zone such as America/New_York",
                            "staff", i, "timeZone");
                }
            }
            String practiceUserId = text(m.practiceUserId(), "practiceUserId", where, src, i);
            if (m.roles() == null || m.roles().isEmpty()) {
                throw src.problem(where + ": roles must list at least one of " + roleIds(), "staff", i);
            }
            Set<Staff.Role> roles = EnumSet.noneOf(Staff.Role.class);
            for (int r = 0; r < m.roles().size(); r++) {
                Staff.Role role = Staff.Role.of(m.roles().get(r));
                if (role == null) {
                    throw src.problem(where + ": unknown role '" + m.roles().get(r) + "' (one of " + roleIds() + ")",
                            "staff", i, "roles", r);
                }
                roles.add(role);
            }
            Channel prefers = Channel.EMAIL;
            int at = i;
            if (m.prefers() != null) {
                prefers = Channel.parse(m.prefers()).filter(c -> c != Channel.PORTAL).orElseThrow(() ->
                        src.problem(where + ": prefers must be sms or email, not '" + m.prefers() + "'", "staff", at, "prefers"));
            }
            if (!emails.add(email)) {
                throw src.problem(where + ": email " + email + " is listed twice", "staff", i, "email");
            }
            if (!ids.add(practiceUserId)) {
                throw src.problem(where + ": practiceUserId " + practiceUserId + " is listed twice", "staff", i,
                        "practiceUserId");
            }
            people.add(new Staff(name, email, mobile, zone, practiceUserId, roles, prefers));
        }
        return new StaffDirectory(people);
    }

    public List<Staff> all() {
        return staff;
    }

    public List<Staff> withRole(Staff.Role role) {
        return staff.stream().filter(s -> s.has(role)).toList();
    }

    public Optional<Staff> byEmail(String email) {
        return email == null ? Optional.empty()
                : staff.stream().filter(s -> s.email().equalsIgnoreCase(email.strip())).findFirst();
    }

    public Optional<Staff> byPracticeUserId(String id) {
        return id == null ? Optional.empty() : staff.stream().filter(s -> s.practiceUserId().equals(id)).findFirst();
    }

    /** The person whose mobile is {@code e164}: how a staff member's text reply is told from a client's. */
    public Optional<Staff> byMobile(String e164) {
        return e164 == null ? Optional.empty() : staff.stream().filter(s -> e164.equals(s.mobile())).findFirst();
    }

    private static String roleIds() {
        return String.join(", ", java.util.Arrays.stream(Staff.Role.values()).map(Staff.Role::id).toList());
    }

    private static String text(String value, String key, String where, RulesYaml.Source src, int index) {
        if (value == null || value.isBlank()) {
            throw src.problem(where + ": '" + key + "' is required", "staff", index);
        }
        return value.strip();
    }
}
