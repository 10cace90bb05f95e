package com.casewire.reconciliation;

import com.casewire.audit.CommunicationLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.web.util.HtmlUtils;

/**
 * The day's report as the billing manager reads it: a plain-text and an HTML summary (counts per section, the
 * exceptions, the communication log's head as the anchor to keep) and one CSV per section (commons-csv).
 */
final class ReportDocument {

    static final String[] CSV_HEADER = {"section", "kind", "key", "gateway_amount", "practice_amount", "party", "matter",
            "records", "detail"};

    private static final Map<String, String> TITLES = Map.of(
            "money", "Money: LawPay against the practice system",
            "time", "Time: billable events against time entries",
            "communications", "Communications: client messages against notes on the matter");

    private final LocalDate date;
    private final Map<String, Map<String, Long>> counts;
    private final List<Finding> findings;
    private final CommunicationLog.Anchor anchor;
    private final String notes;

    ReportDocument(LocalDate date, Map<String, Map<String, Long>> counts, List<Finding> findings,
                   CommunicationLog.Anchor anchor, String notes) {
        this.date = date;
        this.counts = counts;
        this.findings = findings;
        this.anchor = anchor;
        this.notes = notes;
    }

    LocalDate date() {
        return date;
    }

    long exceptions() {
        return counts.values().stream().flatMap(k -> k.entrySet().stream())
                .filter(e -> !Section.Kind.MATCHED.equals(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    String subject() {
        long n = exceptions();
        return "Reconciliation " + date + ": " + (n == 0 ? "everything matched" : n + " exception" + (n == 1 ? "" : "s"));
    }

    String text() {
        StringBuilder out = new StringBuilder("End-of-day reconciliation for ").append(date).append("\n\n");
        counts.forEach((section, kinds) -> {
            out.append(TITLES.get(section)).append('\n');
            kinds.forEach((kind, n) -> out.append("  ").append(kind).append(": ").append(n).append('\n'));
        });
        if (notes != null) {
            out.append('\n').append(notes).append('\n');
        }
        out.append("\nExceptions are listed in the attached CSV files, one per section.\n\n")
                .append("Communication log anchor (keep this email): entry ").append(anchor.seq()).append(", hash ")
                .append(anchor.hash()).append('\n')
                .append("Check it later with GET /api/communications/verify?anchorSeq=").append(anchor.seq())
                .append("&anchorHash=").append(anchor.hash()).append('\n');
        return out.toString();
    }

    String html() {
        StringBuilder out = new StringBuilder("<html><body><h2>End-of-day reconciliation for ")
                .append(date).append("</h2>");
        counts.forEach((section, kinds) -> {
            out.append("<h3>").append(esc(TITLES.get(section))).append("</h3><table border=\"1\" cellpadding=\"4\">");
            kinds.forEach((kind, n) -> out.append("<tr><td>").append(esc(kind)).append("</td><td align=\"right\">")
                    .append(n).append("</td></tr>"));
            out.append("</table>");
            List<Finding> shown = findings.stream().filter(f -> f.section().equals(section)).limit(20).toList();
            if (!shown.isEmpty()) {
                out.append("<ul>");
                shown.forEach(f -> out.append("<li><b>").append(esc(f.kind())).append("</b> ").append(esc(f.matchKey()))
                        .append(f.detail() == null ? "" : ": " + esc(f.detail())).append("</li>"));
                out.append("</ul>");
            }
        });
        if (notes != null) {
            out.append("<p>").append(esc(notes).replace("\n", "<br>")).append("</p>");
        }
        out.append("<p>Every exception is in the attached CSV of its section.</p><p>Communication log anchor (keep this"
                        + " email): entry <code>").append(anchor.seq()).append("</code>, hash <code>")
                .append(esc(anchor.hash())).append("</code></p></body></html>");
        return out.toString();
    }

    /** The CSV of one section's exceptions, or of every section's when {@code section} is null. */
    String csv(String section) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get())) {
            for (Finding f : findings) {
                if (section == null || section.equals(f.section())) {
                    printer.printRecord(f.section(), f.kind(), f.matchKey(), Money.format(f.gatewayCents()),
                            Money.format(f.practiceCents()), f.party(), f.matterId(), f.records(), f.detail());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
