package com.casewire.practice;

import com.casewire.canonical.Matter;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The port to the firm's practice-management system (Clio Manage or MyCase). Workflows see only
 * canonical records through it; {@code hub.practice-management} picks the adapter.
 */
public interface PracticeManagement {

    /** The matter with its client, practice area and responsible attorney; empty when it does not exist. */
    Optional<Matter> findMatter(String matterId);

    /** Writes a note on the matter; returns the note's id in the practice-management system. */
    String addMatterNote(String matterId, String subject, String detail, LocalDate date);
}
