package com.casewire.practice.clio;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.practice.PracticeManagement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@link PracticeManagement} on Clio Manage. */
@Component
@ConditionalOnProperty(name = "hub.practice-management", havingValue = "clio")
class ClioPracticeManagement implements PracticeManagement {

    private final ClioClient clio;
    private final ClioMatters matters;

    ClioPracticeManagement(ClioClient clio, ClioMatters matters) {
        this.clio = clio;
        this.matters = matters;
    }

    @Override
    public Optional<Matter> findMatter(String matterId) {
        return matters.find(matterId);
    }

    @Override
    public String addMatterNote(String matterId, String subject, String detail, LocalDate date) {
        return clio.createMatterNote(matterId, subject, detail, date.toString());
    }

    // The operations below are being built on the intake branch (issue #5); until it lands they refuse loudly.

    @Override
    public List<Contact> searchContacts(String query) {
        throw new UnsupportedOperationException("Clio contact search is not built yet");
    }

    @Override
    public List<Matter> searchMatters(String query) {
        throw new UnsupportedOperationException("Clio matter search is not built yet");
    }

    @Override
    public String createTask(NewTask task) {
        throw new UnsupportedOperationException("Clio task creation is not built yet");
    }

    @Override
    public String createContact(NewContact contact) {
        throw new UnsupportedOperationException("Clio contact creation is not built yet");
    }

    @Override
    public String createMatter(NewMatter matter) {
        throw new UnsupportedOperationException("Clio matter creation is not built yet");
    }
}
