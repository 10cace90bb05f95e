package com.casewire.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillingPdfsTest {

    static final TrackedInvoice INVOICE = new TrackedInvoice("3101", "INV-1042", "INV-1042", "601", "Jane Doe", "1001",
            LocalDate.parse("2026-12-05"), LocalDate.parse("2027-01-04"), 125_000, 125_000, 25_000,
            LocalDate.parse("2027-01-05"), null, null, 1);

    static String text(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        try {
            return new PdfTextExtractor(reader).getTextFromPage(1);
        } finally {
            reader.close();
        }
    }

    @Test
    void theInvoiceSaysWhatIsOwedAndWhereToPay() throws Exception {
        String text = text(BillingPdfs.invoice("Test Law LLP", INVOICE, "Doe v. Acme", "Jane Doe", "https://pay.example/x"));
        assertThat(text).contains("Test Law LLP", "Invoice #INV-1042", "Doe v. Acme", "January 4, 2027", "$1,250.00",
                "$1,000.00", "https://pay.example/x");
    }

    @Test
    void theStatementListsEveryInvoiceAndTheTotal() throws Exception {
        String text = text(BillingPdfs.statement("Test Law LLP", "Jane Doe", LocalDate.parse("2027-02-01"), List.of(
                new BillingPdfs.StatementLine("INV-1", "Doe v. Acme", LocalDate.parse("2026-12-05"), 100_000, 58),
                new BillingPdfs.StatementLine("INV-2", "Estate of Doe", LocalDate.parse("2026-12-20"), 5_050, 43)),
                105_050, "https://pay.example/s"));
        assertThat(text).contains("Statement of account for Jane Doe as of February 1, 2027", "INV-1", "Doe v. Acme",
                "INV-2", "Estate of Doe", "$1,000.00", "$50.50", "58", "43", "Total", "$1,050.50", "https://pay.example/s");
    }
}
