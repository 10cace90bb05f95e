package com.casewire.intake;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.notify.MessageTemplates;
import com.casewire.staff.Staff;
import com.casewire.staff.StaffDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The integrator's intake rules ({@code routes/intake.rules.yaml}): business hours, matter type to practice area,
 * the firm's numbers and menu digits to matter types, and practice areas to attorneys. The people (attorneys, the
 * intake owner) come from the shared staff directory ({@code routes/staff.yaml}). Checked whole at start-up: a rule
 * that names someone who is not an attorney there, or a directory without an intake owner, stops the hub with a
 * message that names the rule.
 */
public final class IntakeRules {

    /**
     * Someone at the firm who receives intake alerts; {@code key} is their email in the staff directory (stored on
     * leads), {@code practiceUserId} their user id in Clio or MyCase, {@code calendarId} their Google Calendar.
     */
    public record Person(String key, String name, String practiceUserId, String calendarId, Channel channel,
                         String mobile, String email) {

        static Person of(Staff staff) {
            return new Person(staff.email(), staff.name(), staff.practiceUserId(), staff.email(), staff.channel(),
                    staff.mobile(), staff.email());
        }

        /** As a notification recipient who prefers their own channel. */
        public Contact asContact() {
            return new Contact(practiceUserId, name, name.split(" ")[0], email, mobile, channel, null);
        }
    }

    private final BusinessHours businessHours;
    private final Map<String, String> matterTypes;
    private final String defaultPracticeArea;
    private final Map<String, String> calledNumbers;
    private final Map<String, String> ivrDigits;
    private final Map<String, List<String>> practiceAreas;
    private final Map<String, Person> attorneys;
    private final Person intakeOwner;

    IntakeRules(BusinessHours businessHours, Map<String, String> matterTypes, String defaultPracticeArea,
                Map<String, String> calledNumbers, Map<String, String> ivrDigits, Map<String, List<String>> practiceAreas,
                Map<String, Person> attorneys, Person intakeOwner) {
        this.businessHours = businessHours;
        this.matterTypes = Map.copyOf(matterTypes);
        this.defaultPracticeArea = defaultPracticeArea;
        this.calledNumbers = Map.copyOf(calledNumbers);
        this.ivrDigits = Map.copyOf(ivrDigits);
        this.practiceAreas = Map.copyOf(practiceAreas);
        this.attorneys = Map.copyOf(attorneys);
        this.intakeOwner = intakeOwner;
    }

    public static IntakeRules load(Path file, StaffDirectory staff) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), staff);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read intake rules " + file.toAbsolutePath(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static IntakeRules parse(InputStream in, String name, StaffDirectory staff) {
        Object loaded = new Yaml().load(in);
        if (!(loaded instanceof Map<?, ?> doc)) {
            throw new IllegalArgumentException(name + ": expected a mapping (businessHours, matterTypes, practiceAreas, ...)");
        }
        Map<String, Object> root = (Map<String, Object>) doc;
        for (String moved : List.of("attorneys", "intakeOwner")) {
            if (root.containsKey(moved)) {
                throw new IllegalArgumentException(name + ": '" + moved + "' has moved to staff.yaml (the shared staff directory)");
            }
        }
        Map<String, Object> hours = map(root, "businessHours", name);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Object day : list(hours, "days", name)) {
            try {
                days.add(DayOfWeek.valueOf(String.valueOf(day).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": businessHours.days has an unknown day '" + day + "' (MONDAY ... SUNDAY)");
            }
        }
        BusinessHours businessHours = new BusinessHours(days, LocalTime.parse(text(hours, "opens", name)),
                LocalTime.parse(text(hours, "closes", name)));

        Map<String, String> matterTypes = new LinkedHashMap<>();
        optionalMap(root, "matterTypes").forEach((k, v) -> matterTypes.put(slug(k), String.valueOf(v)));
        String defaultArea = text(root, "defaultPracticeArea", name);
        Map<String, String> called = new LinkedHashMap<>();
        optionalMap(root, "calledNumbers").forEach((k, v) -> called.put(k, slug(String.valueOf(v))));
        Map<String, String> digits = new LinkedHashMap<>();
        optionalMap(root, "ivrDigits").forEach((k, v) -> digits.put(k, slug(String.valueOf(v))));

        Map<String, Person> attorneys = new LinkedHashMap<>();
        Map<String, List<String>> areas = new LinkedHashMap<>();
        map(root, "practiceAreas", name).forEach((area, keys) -> {
            if (!(keys instanceof List<?> l) || l.isEmpty()) {
                throw new IllegalArgumentException(name + ": practiceAreas." + area + " must list at least one attorney");
            }
            List<String> names = new ArrayList<>();
            for (Object k : l) {
                Staff attorney = staff.byEmail(String.valueOf(k)).filter(s -> s.has(Staff.Role.ATTORNEY)).orElseThrow(() ->
                        new IllegalArgumentException(name + ": practiceAreas." + area + " names '" + k
                                + "', who is not an attorney in staff.yaml"));
                attorneys.putIfAbsent(attorney.email(), Person.of(attorney));
                names.add(attorney.email());
            }
            areas.put(area, names);
        });
        if (!areas.containsKey(defaultArea)) {
            throw new IllegalArgumentException(name + ": defaultPracticeArea '" + defaultArea + "' is not under practiceAreas");
        }
        matterTypes.forEach((type, area) -> {
            if (!areas.containsKey(area)) {
                throw new IllegalArgumentException(name + ": matterTypes." + type + " maps to '" + area
                        + "', which is not under practiceAreas");
            }
        });
        List<Staff> owners = staff.withRole(Staff.Role.INTAKE_OWNER);
        if (owners.size() != 1) {
            throw new IllegalArgumentException(name + ": staff.yaml must name exactly one person with the intake-owner role, not "
                    + owners.size());
        }
        Person owner = Person.of(owners.get(0));
        return new IntakeRules(businessHours, matterTypes, defaultArea, called, digits, areas, attorneys, owner);
    }

    public BusinessHours businessHours() {
        return businessHours;
    }

    /** The practice area for a matter type as a person wrote it; the default area for an unknown or missing type. */
    public String practiceAreaFor(String matterType) {
        String area = matterType == null ? null : matterTypes.get(slug(matterType));
        return area != null ? area : defaultPracticeArea;
    }

    public Optional<String> matterTypeForCalledNumber(String to) {
        return Optional.ofNullable(to == null ? null : calledNumbers.get(to));
    }

    public Optional<String> matterTypeForDigit(String digits) {
        return Optional.ofNullable(digits == null ? null : ivrDigits.get(digits.strip()));
    }

    public List<Person> attorneysFor(String practiceArea) {
        return practiceAreas.getOrDefault(practiceArea, practiceAreas.get(defaultPracticeArea)).stream()
                .map(attorneys::get).toList();
    }

    public Optional<Person> attorney(String key) {
        return Optional.ofNullable(key == null ? null : attorneys.get(key));
    }

    public Person intakeOwner() {
        return intakeOwner;
    }

    static String slug(String text) {
        String s = MessageTemplates.slug(text);
        return s == null ? "" : s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key, String name) {
        Object v = m.get(key);
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(name + ": '" + key + "' must be a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) v).forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalMap(Map<String, Object> m, String key) {
        Object v = m.get(key);
        Map<String, Object> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> given) {
            ((Map<Object, Object>) given).forEach((k, val) -> out.put(String.valueOf(k), val));
        }
        return out;
    }

    private static List<?> list(Map<String, Object> m, String key, String name) {
        Object v = m.get(key);
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException(name + ": '" + key + "' must be a non-empty list");
        }
        return l;
    }

    private static String text(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required");
        }
        return String.valueOf(v);
    }
}
