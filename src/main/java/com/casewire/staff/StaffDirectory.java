package com.casewire.staff;

import com.casewire.canonical.Channel;
import com.casewire.canonical.PhoneNumbers;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The firm's people from {@code routes/staff.yaml}, shared by every workflow. Checked whole at start-up: a bad role,
 * a number that is not E.164, an unknown time zone, an unknown key or a duplicate stops the hub with a message that
 * names the file and the entry.
 */
public final class StaffDirectory {

    static final Set<String> KEYS = Set.of("name", "email", "mobile", "timeZone", "practiceUserId", "roles", "prefers");

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

    @SuppressWarnings("unchecked")
    public static StaffDirectory parse(InputStream in, String file) {
        Object loaded = new Yaml().load(in);
        if (!(loaded instanceof Map<?, ?> doc) || !(doc.get("staff") instanceof List<?> entries)) {
            throw new IllegalArgumentException(file + ": expected 'staff:' with a list of people");
        }
        List<Staff> people = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> raw)) {
                throw new IllegalArgumentException(file + ": staff[" + i + "] must be a mapping (name, email, ...)");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<Object, Object>) raw).forEach((k, v) -> m.put(String.valueOf(k), v));
            String where = file + ": staff[" + i + "]" + (m.get("name") == null ? "" : " (" + m.get("name") + ")");
            for (String key : m.keySet()) {
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + key + "' (one of " + String.join(", ",
                            new java.util.TreeSet<>(KEYS)) + ")");
                }
            }
            String name = text(m, "name", where);
            String email = text(m, "email", where).toLowerCase(Locale.ROOT);
            if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new IllegalArgumentException(where + ": email '" + email + "' is not an email address");
            }
            String mobile = null;
            if (m.get("mobile") != null) {
                String given = String.valueOf(m.get("mobile")).strip();
                mobile = given.startsWith("+") ? PhoneNumbers.toE164(given, "US").filter(given::equals).orElse(null) : null;
                if (mobile == null) {
                    throw new IllegalArgumentException(where + ": mobile must be a valid E.164 number such as +16175550301");
                }
            }
            ZoneId zone = null;
            if (m.get("timeZone") != null) {
                try {
                    zone = ZoneId.of(String.valueOf(m.get("timeZone")));
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException(where + ": timeZone '" + m.get("timeZone")
                            + "' is not an IANA zone such as America/New_York");
                }
            }
            String practiceUserId = text(m, "practiceUserId", where);
            if (!(m.get("roles") instanceof List<?> roleList) || roleList.isEmpty()) {
                throw new IllegalArgumentException(where + ": roles must list at least one of " + roleIds());
            }
            Set<Staff.Role> roles = EnumSet.noneOf(Staff.Role.class);
            for (Object r : roleList) {
                Staff.Role role = Staff.Role.of(String.valueOf(r));
                if (role == null) {
                    throw new IllegalArgumentException(where + ": unknown role '" + r + "' (one of " + roleIds() + ")");
                }
                roles.add(role);
            }
            Channel prefers = Channel.EMAIL;
            if (m.get("prefers") != null) {
                prefers = Channel.parse(String.valueOf(m.get("prefers"))).filter(c -> c != Channel.PORTAL).orElseThrow(() ->
                        new IllegalArgumentException(where + ": prefers must be sms or email, not '" + m.get("prefers") + "'"));
            }
            if (!emails.add(email)) {
                throw new IllegalArgumentException(where + ": email " + email + " is listed twice");
            }
            if (!ids.add(practiceUserId)) {
                throw new IllegalArgumentException(where + ": practiceUserId " + practiceUserId + " is listed twice");
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

    private static String text(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required");
        }
        return String.valueOf(v).strip();
    }
}
