package canbao.policy;

import java.time.LocalDate;
import java.util.List;

/** A checked quote request: the year's table, the county, the payment date and the members. */
public record QuoteRequest(PolicyTable table, String county, LocalDate paymentDate, List<PersonFacts> members) {

    public QuoteRequest {
        members = List.copyOf(members);
    }
}
