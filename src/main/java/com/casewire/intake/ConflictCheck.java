package com.casewire.intake;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.practice.PracticeManagement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The conflict pre-check: the lead's name, phone and email, and the adverse party they named, screened against the
 * contacts and matters of the practice-management system. The system's own search narrows the field; the verdict is
 * ours: names by {@link NameMatcher}, phone numbers and email addresses exactly. A potential conflict is for a
 * human to judge, with the matching records listed; nothing of it ever reaches the lead.
 */
@Component
class ConflictCheck {

    public static final String CLEAR = "CLEAR";
    public static final String POTENTIAL = "POTENTIAL";

    /** The verdict and, for a potential conflict, one line per matching record. */
    public record Result(String status, List<String> matches) {

        public String detail() {
            return matches.isEmpty() ? "no matching contacts or matters" : String.join("\n", matches);
        }
    }

    private final PracticeManagement practice;

    ConflictCheck(PracticeManagement practice) {
        this.practice = practice;
    }

    public Result screen(LeadRecord lead) {
        Set<String> queries = new LinkedHashSet<>();
        for (String q : new String[] {lead.name(), lead.phone(), lead.email(), lead.adverseParty()}) {
            if (q != null && !q.isBlank()) {
                queries.add(q.strip());
            }
        }
        Map<String, Contact> contacts = new LinkedHashMap<>();
        Map<String, Matter> matters = new LinkedHashMap<>();
        for (String q : queries) {
            practice.searchContacts(q).forEach(c -> contacts.putIfAbsent(c.id(), c));
        }
        for (String q : new String[] {lead.name(), lead.adverseParty()}) {
            if (q != null && !q.isBlank()) {
                practice.searchMatters(q.strip()).forEach(m -> matters.putIfAbsent(m.id(), m));
            }
        }
        return judge(lead, contacts.values(), matters.values());
    }

    static Result judge(LeadRecord lead, Iterable<Contact> contacts, Iterable<Matter> matters) {
        List<String> found = new ArrayList<>();
        for (Contact c : contacts) {
            String who = "contact " + c.id() + " " + c.name();
            if (lead.name() != null && NameMatcher.matches(lead.name(), c.name())) {
                found.add("caller's name '" + lead.name() + "' matches " + who);
            }
            if (lead.phone() != null && lead.phone().equals(c.mobilePhone())) {
                found.add("caller's phone " + lead.phone() + " is the phone of " + who);
            }
            if (lead.email() != null && c.email() != null && lead.email().equalsIgnoreCase(c.email().strip())) {
                found.add("caller's email " + lead.email() + " is the email of " + who);
            }
            if (lead.adverseParty() != null && NameMatcher.matches(lead.adverseParty(), c.name())) {
                found.add("adverse party '" + lead.adverseParty() + "' matches " + who);
            }
        }
        for (Matter m : matters) {
            String which = "matter " + m.displayNumber() + " (" + m.description() + ")";
            String client = m.client() == null ? null : m.client().name();
            if (client != null && lead.adverseParty() != null && NameMatcher.matches(lead.adverseParty(), client)) {
                found.add("adverse party '" + lead.adverseParty() + "' is the firm's client in " + which);
            }
            if (client != null && lead.name() != null && NameMatcher.matches(lead.name(), client)) {
                found.add("caller's name '" + lead.name() + "' matches the client of " + which);
            }
            if (lead.name() != null && names(m.description(), lead.name())) {
                found.add("caller '" + lead.name() + "' is named in " + which);
            }
        }
        List<String> distinct = found.stream().distinct().toList();
        return new Result(distinct.isEmpty() ? CLEAR : POTENTIAL, distinct);
    }

    /** Whether every word of the name appears in the text ("Acme Trucking" in "Doe v. Acme Trucking, Inc."). */
    private static boolean names(String text, String name) {
        List<String> words = NameMatcher.tokens(name);
        if (text == null || words.size() < 2) {
            return false;
        }
        List<String> inText = NameMatcher.tokens(text.toLowerCase(Locale.ROOT).replace(",", " "));
        return inText.containsAll(words);
    }
}
