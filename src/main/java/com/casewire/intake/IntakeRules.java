package com.casewire.intake;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.PhoneNumbers;
import com.casewire.notify.MessageTemplates;
import com.casewire.routesdir.RulesYaml;
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

    /**
     * The file as written. {@code attorneys} and {@code intakeOwner} are here only to say where they moved.
     */
    record File(Hours businessHours, Map<String, String> matterTypes, String defaultPracticeArea,
                Map<String, String> calledNumbers, Map<String, String> ivrDigits, Map<String, List<String>> practiceAreas,
                Object attorneys, Object intakeOwner) {
    }

    record Hours(List<String> days, String opens, String closes) {
    }

    static IntakeRules parse(InputStream in, String name, StaffDirectory staff) {
        RulesYaml.Source src = RulesYaml.source(in, name);
        File f = src.bind(File.class);
        if (f.attorneys() != null || f.intakeOwner() != null) {
            String moved = f.attorneys() != null ? "attorneys" : "intakeOwner";
            throw src.problem("'" + moved + "' has moved to staff.yaml (the shared staff directory)", moved);
        }
        Hours hours = f.businessHours();
        if (hours == null) {
            throw src.problem("'businessHours' is required (days, opens, closes)");
        }
        if (hours.days() == null || hours.days().isEmpty()) {
            throw src.problem("businessHours.days must be a non-empty list", "businessHours");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < hours.days().size(); i++) {
            String day = hours.days().get(i);
            try {
                days.add(DayOfWeek.valueOf(String.valueOf(day).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw src.problem("businessHours.days has an unknown day '" + day + "' (MONDAY ... SUNDAY)",
                        "businessHours", "days", i);
            }
        }
        BusinessHours businessHours = new BusinessHours(days, time(hours.opens(), src, "opens"),
                time(hours.closes(), src, "closes"));

        Map<String, String> matterTypes = new LinkedHashMap<>();
        orEmpty(f.matterTypes()).forEach((k, v) -> matterTypes.put(slug(k), v));
        if (f.defaultPracticeArea() == null || f.defaultPracticeArea().isBlank()) {
            throw src.problem("'defaultPracticeArea' is required");
        }
        String defaultArea = f.defaultPracticeArea();
        Map<String, String> called = new LinkedHashMap<>();
        orEmpty(f.calledNumbers()).forEach((k, v) -> {
            if (!PhoneNumbers.toE164(k.strip(), "US").filter(k.strip()::equals).isPresent()) {
                throw src.problem("calledNumbers: '" + k + "' is not a valid E.164 number such as +12015550188",
                        "calledNumbers", k);
            }
            called.put(k.strip(), slug(v));
        });
        Map<String, String> digits = new LinkedHashMap<>();
        orEmpty(f.ivrDigits()).forEach((k, v) -> digits.put(k, slug(v)));

        Map<String, Person> attorneys = new LinkedHashMap<>();
        Map<String, List<String>> areas = new LinkedHashMap<>();
        if (f.practiceAreas() == null) {
            throw src.problem("'practiceAreas' must be a mapping");
        }
        f.practiceAreas().forEach((area, keys) -> {
            if (keys == null || keys.isEmpty()) {
                throw src.problem("practiceAreas." + area + " must list at least one attorney", "practiceAreas", area);
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String k = keys.get(i);
                int at = i;
                Staff attorney = staff.byEmail(k).filter(s -> s.has(Staff.Role.ATTORNEY)).orElseThrow(() ->
                        src.problem("practiceAreas." + area + " names '" + k + "', who is not an attorney in staff.yaml",
                                "practiceAreas", area, at));
                attorneys.putIfAbsent(attorney.email(), Person.of(attorney));
                names.add(attorney.email());
            }
            areas.put(area, names);
        });
        if (!areas.containsKey(defaultArea)) {
            throw src.problem("defaultPracticeArea '" + defaultArea + "' is not under practiceAreas", "defaultPracticeArea");
        }
        orEmpty(f.matterTypes()).forEach((type, area) -> {
            if (!areas.containsKey(area)) {
                throw src.problem("matterTypes." + type + " maps to '" + area + "', which is not under practiceAreas",
                        "matterTypes", type);
            }
        });
        List<Staff> owners = staff.withRole(Staff.Role.INTAKE_OWNER);
        if (owners.size() != 1) {
            throw src.problem("staff.yaml must name exactly one person with the intake-owner role, not " + owners.size());
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

    private static LocalTime time(String value, RulesYaml.Source src, String key) {
        try {
            return LocalTime.parse(String.valueOf(value).strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw src.problem("businessHours." + key + " must be a time such as \"09:00\", not '" + value + "'",
                    "businessHours", key);
        }
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> map) {
        return map == null ? Map.of() : map;
    }
}
