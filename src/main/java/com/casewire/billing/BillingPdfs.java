package com.casewire.billing;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;

/**
 * The PDFs the hub attaches when the practice system serves none through an API the hub has a contract for: an
 * invoice summary (stages 1 and 2) and the monthly statement of account. Neither Clio's nor MyCase's contract in
 * vendor-apis.md documents a bill PDF endpoint, so both are rendered here with OpenPDF from what the ladder knows.
 */
final class BillingPdfs {

    /** One row of a statement. */
    record StatementLine(String number, String matter, LocalDate dated, long amountCents, long ageDays) {
    }

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 10);

    private BillingPdfs() {
    }

    static byte[] invoice(String firmName, TrackedInvoice invoice, String matterName, String recipientName, String payLink) {
        return render(document -> {
            document.add(new Paragraph(firmName, TITLE));
            document.add(new Paragraph("Invoice #" + invoice.label(), BOLD));
            document.add(new Paragraph(" "));
            PdfPTable facts = new PdfPTable(new float[] {1, 2});
            facts.setWidthPercentage(100);
            row(facts, "Bill to", recipientName);
            row(facts, "Matter", matterName);
            row(facts, "Invoice date", Money.date(invoice.issuedOn()));
            row(facts, "Due date", Money.date(invoice.dueOn()));
            row(facts, "Invoice total", Money.format(invoice.totalCents()));
            row(facts, "Amount due", Money.format(invoice.remainingCents()));
            document.add(facts);
            document.add(new Paragraph(" "));
            document.add(new Paragraph("Pay online: " + payLink, TEXT));
        });
    }

    static byte[] statement(String firmName, String clientName, LocalDate asOf, List<StatementLine> lines, long totalCents,
                            String payLink) {
        return render(document -> {
            document.add(new Paragraph(firmName, TITLE));
            document.add(new Paragraph("Statement of account for " + clientName + " as of " + Money.date(asOf), BOLD));
            document.add(new Paragraph(" "));
            PdfPTable table = new PdfPTable(new float[] {1.2f, 3, 1.6f, 1.4f, 0.8f});
            table.setWidthPercentage(100);
            for (String head : List.of("Invoice", "Matter", "Date", "Amount due", "Age (days)")) {
                table.addCell(new PdfPCell(new Phrase(head, BOLD)));
            }
            for (StatementLine line : lines) {
                table.addCell(new Phrase(line.number(), TEXT));
                table.addCell(new Phrase(line.matter(), TEXT));
                table.addCell(new Phrase(Money.date(line.dated()), TEXT));
                table.addCell(right(Money.format(line.amountCents())));
                table.addCell(right(String.valueOf(line.ageDays())));
            }
            PdfPCell label = new PdfPCell(new Phrase("Total", BOLD));
            label.setColspan(3);
            table.addCell(label);
            PdfPCell total = new PdfPCell(new Phrase(Money.format(totalCents), BOLD));
            total.setHorizontalAlignment(Element.ALIGN_RIGHT);
            table.addCell(total);
            table.addCell(new Phrase("", TEXT));
            document.add(table);
            document.add(new Paragraph(" "));
            document.add(new Paragraph("Pay the total online: " + payLink, TEXT));
        });
    }

    private static void row(PdfPTable table, String label, String value) {
        table.addCell(new Phrase(label, BOLD));
        table.addCell(new Phrase(value == null ? "" : value, TEXT));
    }

    private static PdfPCell right(String text) {
        PdfPCell cell = new PdfPCell(new Phrase(text, TEXT));
        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return cell;
    }

    private interface Content {
        void write(Document document) throws DocumentException;
    }

    private static byte[] render(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.LETTER);
        try {
            PdfWriter.getInstance(document, out);
            document.open();
            content.write(document);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render billing PDF", e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }
}
