package com.casewire.intake;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.PhoneNumbers;
import com.casewire.notify.MessageTemplates;
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
 * the firm's numbers and menu digits to matter types, practice areas to attorneys, and the intake owner. Checked
 * whole at start-up: a rule that names an unknown attorney, or an attorney with no way to be alerted, stops the hub
 * with a message that names the rule.
 */
public final class IntakeRules {

    /** Someone at the firm who receives intake alerts; {@code practiceUserId} is their user id in Clio or MyCase. */
    public record Person(String key, String name, String practiceUserId, String calendarId, Channel channel,
                         String mobile, String email) {

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

    public static IntakeRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read intake rules " + file.toAbsolutePath(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static IntakeRules parse(InputStream in, String name) {
        Object loaded = new Yaml().load(in);
        if (!(loaded instanceof Map<?, ?> doc)) {
            throw new IllegalArgumentException(name + ": expected a mapping (businessHours, matterTypes, practiceAreas, attorneys, ...)");
        }
        Map<String, Object> root = (Map<String, Object>) doc;
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
        map(root, "attorneys", name).forEach((key, value) -> attorneys.put(key, person(key, value, name, true)));
        Map<String, List<String>> areas = new LinkedHashMap<>();
        map(root, "practiceAreas", name).forEach((area, keys) -> {
            if (!(keys instanceof List<?> l) || l.isEmpty()) {
                throw new IllegalArgumentException(name + ": practiceAreas." + area + " must list at least one attorney");
            }
            List<String> names = new ArrayList<>();
            for (Object k : l) {
                if (!attorneys.containsKey(String.valueOf(k))) {
                    throw new IllegalArgumentException(name + ": practiceAreas." + area + " names '" + k
                            + "', who is not under attorneys");
                }
                names.add(String.valueOf(k));
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
        Person owner = person("intakeOwner", root.get("intakeOwner"), name, false);
        return new IntakeRules(businessHours, matterTypes, defaultArea, called, digits, areas, attorneys, owner);
    }

    @SuppressWarnings("unchecked")
    private static Person person(String key, Object value, String file, boolean needsCalendar) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(file + ": " + key + " must be a mapping with name, practiceUserId, channel, mobile/email");
        }
        Map<String, Object> m = (Map<String, Object>) value;
        String where = key.equals("intakeOwner") ? "intakeOwner" : "attorneys." + key;
        String channelName = text(m, "channel", file + ": " + where);
        Channel channel = Channel.parse(channelName).filter(c -> c != Channel.PORTAL).orElseThrow(() ->
                new IllegalArgumentException(file + ": " + where + ".channel must be sms or email, not '" + channelName + "'"));
        String mobile = m.get("mobile") == null ? null : PhoneNumbers.toE164(String.valueOf(m.get("mobile")), "US").orElseThrow(() ->
                new IllegalArgumentException(file + ": " + where + ".mobile must be an E.164 number"));
        String email = m.get("email") == null ? null : String.valueOf(m.get("email"));
        if (channel == Channel.SMS && mobile == null || channel == Channel.EMAIL && email == null) {
            throw new IllegalArgumentException(file + ": " + where + " is alerted by " + channel.id() + " but has no "
                    + (channel == Channel.SMS ? "mobile" : "email"));
        }
        String calendarId = m.get("calendarId") == null ? null : String.valueOf(m.get("calendarId"));
        if (needsCalendar && calendarId == null) {
            throw new IllegalArgumentException(file + ": " + where + " needs a calendarId (their Google Calendar)");
        }
        return new Person(key, text(m, "name", file + ": " + where), text(m, "practiceUserId", file + ": " + where),
                calendarId, channel, mobile, email);
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
