package com.casewire.billing;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import com.casewire.lawpay.PayLinks;
import com.casewire.notify.MessageTemplates;
import com.casewire.outbox.OutboundMessage;
import com.casewire.practice.PracticeTaskChannel;
import com.casewire.staff.Staff;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of everything the ladder sends, from {@code routes/templates/billing/} (integrator-owned, for the firm to
 * approve): the stage 1 and 2 emails with their invoice PDF, the statement with its PDF, the tasks, and the
 * billing partner's alert. Client email goes from the billing sender with its Reply-To; the second notice asks for a
 * read receipt.
 */
class BillingMessages {

    static final String WORKFLOW = "billing";

    private final MessageTemplates templates;
    private final PayLinks payLinks;
    private final String firmName;
    private final OutboundMessage.Envelope sender;
    private final OutboundMessage.Envelope senderWithReceipt;

    BillingMessages(MessageTemplates templates, PayLinks payLinks, String firmName, String from, String fromName,
                    String replyTo) {
        this.templates = templates;
        this.payLinks = payLinks;
        this.firmName = firmName;
        String name = fromName == null || fromName.isBlank() ? firmName + " Billing" : fromName;
        String reply = replyTo == null || replyTo.isBlank() ? from : replyTo;
        this.sender = new OutboundMessage.Envelope(from, name, reply, Map.of());
        this.senderWithReceipt = new OutboundMessage.Envelope(from, name, reply, Map.of("Disposition-Notification-To", reply));
    }

    /** Stage 1 or 2: the email to the bill's recipient, the invoice PDF attached, the pay link for what is owed. */
    OutboundMessage stageEmail(LadderStage stage, TrackedInvoice invoice, Matter matter, Contact recipient) {
        String payLink = payLinks.forInvoice(invoice.remainingCents(), invoice.reference());
        Map<String, String> model = invoiceModel(invoice, matter);
        model.put("client.firstName", recipient.greetingName());
        model.put("client.name", recipient.name());
        model.put("payLink", payLink);
        MessageTemplates.Rendered text = templates.render(WORKFLOW, stage.template(), null, Channel.EMAIL, model);
        byte[] pdf = BillingPdfs.invoice(firmName, invoice, matterName(matter), recipient.name(), payLink);
        OutboundMessage.Attachment attachment = new OutboundMessage.Attachment("invoice-" + fileSafe(invoice.label()) + ".pdf",
                "application/pdf", Base64.getEncoder().encodeToString(pdf));
        return OutboundMessage.email(recipient.email(), recipient.name(), text.subject(), text.body())
                .withMatter(invoice.matterId()).withWorkflow(WORKFLOW).withTemplate(text.templateId())
                .withChannel(Channel.EMAIL.id()).asClientCommunication().withWriteBack()
                .withAttachments(List.of(attachment))
                .withEnvelope(stage == LadderStage.SECOND_NOTICE ? senderWithReceipt : sender);
    }

    /** The monthly statement of account: every open invoice, the total, one pay link, the PDF. */
    OutboundMessage statement(Contact recipient, LocalDate asOf, List<BillingPdfs.StatementLine> lines, long totalCents,
                              String reference, String matterId) {
        String payLink = payLinks.forInvoice(totalCents, reference);
        StringBuilder table = new StringBuilder();
        for (BillingPdfs.StatementLine line : lines) {
            table.append("Invoice #").append(line.number()).append(" | ").append(line.matter()).append(" | ")
                    .append(Money.date(line.dated())).append(" | ").append(Money.format(line.amountCents()))
                    .append(" | ").append(line.ageDays()).append(" days\n");
        }
        Map<String, String> model = new HashMap<>();
        model.put("firm.name", firmName);
        model.put("client.firstName", recipient.greetingName());
        model.put("client.name", recipient.name());
        model.put("statement.date", Money.date(asOf));
        model.put("statement.invoices", table.toString().strip());
        model.put("statement.total", Money.format(totalCents));
        model.put("payLink", payLink);
        MessageTemplates.Rendered text = templates.render(WORKFLOW, "statement", null, Channel.EMAIL, model);
        byte[] pdf = BillingPdfs.statement(firmName, recipient.name(), asOf, lines, totalCents, payLink);
        OutboundMessage.Attachment attachment = new OutboundMessage.Attachment("statement-" + asOf + ".pdf",
                "application/pdf", Base64.getEncoder().encodeToString(pdf));
        return OutboundMessage.email(recipient.email(), recipient.name(), text.subject(), text.body())
                .withMatter(matterId).withWorkflow(WORKFLOW).withTemplate(text.templateId())
                .withChannel(Channel.EMAIL.id()).asClientCommunication().withWriteBack()
                .withAttachments(List.of(attachment)).withEnvelope(sender);
    }

    /** Stage 3: the task in the practice system for the attorney (or billing partner) who will call the client. */
    OutboundMessage escalationTask(TrackedInvoice invoice, Matter matter, String assigneeId, LocalDate dueOn) {
        Map<String, String> model = invoiceModel(invoice, matter);
        model.put("task.dueDate", Money.date(dueOn));
        return task("escalation-task", assigneeId, invoice.matterId(), model);
    }

    /** A stage that cannot reach the bill's recipient: a task for the billing manager instead of silence. */
    OutboundMessage noRecipientTask(LadderStage stage, TrackedInvoice invoice, Matter matter, String assigneeId) {
        Map<String, String> model = invoiceModel(invoice, matter);
        model.put("stage.name", stage == LadderStage.REMINDER ? "payment reminder" : "second notice");
        return task("no-recipient-task", assigneeId, invoice.matterId(), model);
    }

    /** A client's statement of account that has no email to go to: a task for the billing manager. */
    OutboundMessage noRecipientStatementTask(TrackedInvoice anyInvoice, long totalCents, String assigneeId) {
        Map<String, String> model = invoiceModel(anyInvoice, null);
        model.put("stage.name", "monthly statement of account");
        model.put("invoice.amountDue", Money.format(totalCents));
        return task("no-recipient-task", assigneeId, anyInvoice.matterId(), model);
    }

    /** Stage 3: the billing partner's alert, by SMS or email as staff.yaml says (no privileged detail by SMS). */
    Notification escalationAlert(TrackedInvoice invoice, Matter matter, Staff partner, String assignee) {
        Map<String, String> model = invoiceModel(invoice, matter);
        model.put("assignee.name", assignee);
        return new Notification("billing:invoice:" + invoice.invoiceId() + ":stage-3:alert:" + partner.practiceUserId(),
                WORKFLOW, "escalation", null, invoice.matterId(), new Recipient(partner.asContact(), "billing-partner"),
                model, false, false, List.of(partner.channel().id()), null);
    }

    private OutboundMessage task(String template, String assigneeId, String matterId, Map<String, String> model) {
        MessageTemplates.Rendered text = templates.render(WORKFLOW, template, null, Channel.EMAIL, model);
        return PracticeTaskChannel.task(assigneeId, text.subject(), text.body(), matterId, WORKFLOW);
    }

    private Map<String, String> invoiceModel(TrackedInvoice invoice, Matter matter) {
        Map<String, String> model = new HashMap<>();
        model.put("firm.name", firmName);
        model.put("invoice.number", invoice.label());
        model.put("invoice.amountDue", Money.format(invoice.remainingCents()));
        model.put("invoice.total", Money.format(invoice.totalCents()));
        model.put("invoice.dueDate", Money.date(invoice.dueOn()));
        model.put("invoice.client", invoice.clientName() != null ? invoice.clientName() : "the client");
        model.put("matter.name", matterName(matter));
        return model;
    }

    static String matterName(Matter matter) {
        return matter == null || matter.name() == null ? "your matter" : matter.name();
    }

    private static String fileSafe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
