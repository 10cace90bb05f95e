package com.casewire.lawpay;

import com.casewire.canonical.GatewayTransaction;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Component;

/**
 * The gateway's transactions list read page by page, for the end-of-day reconciliation: each page is fetched only
 * when the reader asks for it, so a day of any size is never held whole. Paging follows the gateway's
 * {@code page}/{@code page_size}/{@code total_entries}: it stops at an empty page, once {@code total_entries} are
 * read, or (without a total) at a page shorter than the {@code page_size} it says it served.
 */
@Component
public class LawpayTransactions {

    private final LawpayClient client;

    LawpayTransactions(LawpayClient client) {
        this.client = client;
    }

    /** Transactions created in [{@code from}, {@code to}), {@code pageSize} per request, at most {@code maxPages} requests. */
    public Iterator<List<GatewayTransaction>> pages(Instant from, Instant to, int pageSize, int maxPages) {
        return new Iterator<>() {
            private int page = 1;
            private long read;
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public List<GatewayTransaction> next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                if (page > maxPages) {
                    throw new VendorException(LawpayClient.VENDOR, false, 0, null, "GET /v1/transactions has more than "
                            + maxPages + " pages of " + pageSize + ": raise hub.reconciliation.gateway-max-pages", null, null);
                }
                JsonNode body = client.listTransactions(from, to, page++, pageSize);
                JsonNode results = body.path("results");
                if (!results.isArray()) {
                    throw new VendorException(LawpayClient.VENDOR, false, 0, null,
                            "GET /v1/transactions answered without a results list", null, null);
                }
                List<GatewayTransaction> transactions = new ArrayList<>(results.size());
                results.forEach(t -> transactions.add(LawpayEventMapper.toTransaction(t)));
                read += results.size();
                long total = body.path("total_entries").asLong(-1);
                int served = body.path("page_size").asInt(pageSize); // a gateway may serve fewer than asked for
                done = results.isEmpty() || (total >= 0 ? read >= total : results.size() < served);
                return transactions;
            }
        };
    }
}
