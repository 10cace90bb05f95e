package com.casewire.reconciliation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A run's staged facts, its findings (exceptions only) and its counts per kind ({@code recon_fact}, {@code
 * recon_finding}, {@code recon_count}). A stage or the correlation that starts again deletes what its interrupted
 * predecessor left, so nothing is counted twice.
 */
class FindingStore {

    private static final String DELETE_SIDE = "DELETE FROM recon_fact WHERE run_date = :d AND section = :section AND side = :side";
    private static final String COUNT_FACTS = "SELECT COUNT(*) FROM recon_fact WHERE run_date = :d";
    private static final String DELETE_REPORTED_FACTS = """
            DELETE FROM recon_fact WHERE run_date IN (SELECT run_date FROM recon_run WHERE state = 'REPORTED')""";
    private static final String DELETE_FINDINGS = "DELETE FROM recon_finding WHERE run_date = :d";
    private static final String DELETE_COUNTS = "DELETE FROM recon_count WHERE run_date = :d";
    private static final String INSERT_FINDING = """
            INSERT INTO recon_finding (run_date, section, match_key, kind, gateway_cents, practice_cents, party, matter_id,
                records, detail)
            VALUES (:d, :section, :key, :kind, :gateway, :practice, :party, :matter, :records, :detail)""";
    private static final String INSERT_COUNT = "INSERT INTO recon_count (run_date, section, kind, n) VALUES (:d, :section, :kind, :n)";
    private static final String COUNTS = "SELECT section, kind, n FROM recon_count WHERE run_date = :d";
    private static final String FINDINGS = """
            SELECT section, match_key, kind, gateway_cents, practice_cents, party, matter_id, records, detail
            FROM recon_finding WHERE run_date = :d ORDER BY section, kind, match_key""";

    private final NamedParameterJdbcTemplate jdbc;

    FindingStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long countFacts(LocalDate date) {
        Long n = jdbc.queryForObject(COUNT_FACTS, Map.of("d", java.sql.Date.valueOf(date)), Long.class);
        return n == null ? 0 : n;
    }

    void deleteSide(LocalDate date, String section, String side) {
        jdbc.update(DELETE_SIDE, Map.of("d", java.sql.Date.valueOf(date), "section", section, "side", side));
    }

    /** Before a correlation: what an interrupted one wrote. */
    void deleteResults(LocalDate date) {
        jdbc.update(DELETE_FINDINGS, Map.of("d", java.sql.Date.valueOf(date)));
        jdbc.update(DELETE_COUNTS, Map.of("d", java.sql.Date.valueOf(date)));
    }

    /**
     * The staged facts of reported days, no longer needed (findings and counts are kept). Off the run's path: deleting
     * a day of 200,000 facts took a tenth of a run's time, and the report does not wait for it.
     */
    int deleteReportedFacts() {
        return jdbc.update(DELETE_REPORTED_FACTS, Map.of());
    }

    /** A batch of findings in one statement batch (none: nothing). */
    void insert(LocalDate date, List<Finding> batch) {
        if (batch.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT_FINDING, batch.stream().map(f -> {
            Map<String, Object> p = new HashMap<>();
            p.put("d", java.sql.Date.valueOf(date));
            p.put("section", f.section());
            p.put("key", f.matchKey());
            p.put("kind", f.kind());
            p.put("gateway", f.gatewayCents());
            p.put("practice", f.practiceCents());
            p.put("party", Fact.cut(f.party(), 200));
            p.put("matter", Fact.cut(f.matterId(), 64));
            p.put("records", f.records());
            p.put("detail", f.detail());
            return new MapSqlParameterSource(p);
        }).toArray(MapSqlParameterSource[]::new));
    }

    void insertCounts(LocalDate date, Map<String, Map<String, Long>> counts) {
        counts.forEach((section, kinds) -> kinds.forEach((kind, n) -> jdbc.update(INSERT_COUNT,
                Map.of("d", java.sql.Date.valueOf(date), "section", section, "kind", kind, "n", n))));
    }

    /** Section → kind → groups, in {@link Section} order. */
    Map<String, Map<String, Long>> counts(LocalDate date) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        jdbc.query(COUNTS, Map.of("d", java.sql.Date.valueOf(date)), rs -> {
            out.computeIfAbsent(rs.getString("section"), s -> new LinkedHashMap<>()).put(rs.getString("kind"), rs.getLong("n"));
        });
        return Tally.ordered(out);
    }

    /** Every finding of the day, section by section, streamed to {@code sink}. */
    void findings(LocalDate date, Consumer<Finding> sink) {
        jdbc.query(FINDINGS, Map.of("d", java.sql.Date.valueOf(date)), rs -> {
            sink.accept(new Finding(rs.getString("section"), rs.getString("match_key"), rs.getString("kind"),
                    (Long) nullable(rs.getObject("gateway_cents")), (Long) nullable(rs.getObject("practice_cents")),
                    rs.getString("party"), rs.getString("matter_id"), rs.getString("records"), rs.getString("detail")));
        });
    }

    List<Finding> findings(LocalDate date) {
        List<Finding> all = new java.util.ArrayList<>();
        findings(date, all::add);
        return all;
    }

    private static Object nullable(Object number) {
        return number == null ? null : ((Number) number).longValue();
    }
}
