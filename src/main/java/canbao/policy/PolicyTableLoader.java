package canbao.policy;

import canbao.model.Money;
import canbao.model.Tier;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one policy-year table from JSON and checks it for consistency. The format is documented in
 * README ("Policy tables"); {@code src/main/resources/policy/2022.json} is the reference example.
 */
public final class PolicyTableLoader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PolicyTableLoader() {
    }

    public static PolicyTable fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw PolicyTableException.unreadable(file.toString(), e);
        }
    }

    public static PolicyTable fromResource(String resource, ClassLoader loader) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new PolicyTableException(resource, "", "table.notFound");
        }
        try (in) {
            return read(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PolicyTable read(String origin, InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw PolicyTableException.unreadable(origin, new IOException(e.getOriginalMessage(), e));
        } catch (IOException e) {
            throw PolicyTableException.unreadable(origin, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new PolicyTableException(origin, "", "table.empty");
        }
        return parse(new TableNode(origin, "", root));
    }

    private static PolicyTable parse(TableNode root) {
        root.allowOnly("policyYear", "version", "sources", "standards", "enrolmentPeriod", "monthlyStart",
                "waitingPeriod", "ordinaryDeadline", "lateSurcharge", "newborn", "guardianCoverage", "lowIncome",
                "employeeInsuranceTransfer", "graduate", "highestSubsidyWins", "categories", "notes");
        int year = root.required("policyYear").integer();
        if (year < 2000 || year > 2100) {
            throw root.required("policyYear").error("table.yearRange", year);
        }
        String version = root.required("version").text();
        List<PolicyTable.SourceDocument> sources = sources(root.required("sources"));

        TableNode standardsNode = root.required("standards").allowOnly("tier1", "tier2", "cite");
        Map<Tier, Money> standards = new EnumMap<>(Tier.class);
        standards.put(Tier.ONE, positive(standardsNode.required("tier1")));
        standards.put(Tier.TWO, positive(standardsNode.required("tier2")));
        String standardsCite = standardsNode.required("cite").text();

        TableNode periodNode = root.required("enrolmentPeriod").allowOnly("start", "end", "cite");
        LocalDate periodStart = periodNode.required("start").date();
        LocalDate periodEnd = periodNode.required("end").date();
        if (periodEnd.isBefore(periodStart)) {
            throw periodNode.required("end").error("table.endBeforeStart", periodEnd, periodStart);
        }
        if (periodStart.getYear() > year || periodEnd.getYear() < year - 1 || periodEnd.getYear() > year) {
            throw periodNode.error("table.periodOutsideYear", year);
        }
        var period = new PolicyTable.EnrolmentPeriod(periodStart, periodEnd, periodNode.required("cite").text());

        PolicyTable.MonthlyStart monthlyStart = null;
        TableNode monthlyNode = root.optional("monthlyStart");
        if (monthlyNode != null) {
            monthlyNode.allowOnly("until", "cite");
            LocalDate until = inYear(monthlyNode.required("until"), year);
            if (!until.isAfter(periodEnd)) {
                throw monthlyNode.required("until").error("table.notAfter", until, periodEnd);
            }
            monthlyStart = new PolicyTable.MonthlyStart(until, monthlyNode.required("cite").text());
        }

        TableNode waitingNode = root.required("waitingPeriod").allowOnly("days", "cite");
        var waiting = new PolicyTable.WaitingPeriod(waitingNode.required("days").positiveInteger(),
                waitingNode.required("cite").text());

        PolicyTable.Deadline deadline = null;
        TableNode deadlineNode = root.optional("ordinaryDeadline");
        if (deadlineNode != null) {
            deadlineNode.allowOnly("date", "cite");
            deadline = new PolicyTable.Deadline(inYear(deadlineNode.required("date"), year),
                    deadlineNode.required("cite").text());
        }

        PolicyTable.Surcharge surcharge = null;
        TableNode surchargeNode = root.optional("lateSurcharge");
        if (surchargeNode != null) {
            surchargeNode.allowOnly("amount", "after", "cite");
            surcharge = new PolicyTable.Surcharge(positive(surchargeNode.required("amount")),
                    inYear(surchargeNode.required("after"), year), surchargeNode.required("cite").text());
        }

        TableNode newbornNode = root.required("newborn").allowOnly("withinDays", "cite");
        var newborn = new PolicyTable.NewbornRule(newbornNode.required("withinDays").positiveInteger(),
                newbornNode.required("cite").text());

        PolicyTable.GuardianCoverage guardianCoverage = null;
        TableNode guardianNode = root.optional("guardianCoverage");
        if (guardianNode != null) {
            guardianCoverage = new PolicyTable.GuardianCoverage(guardianNode.allowOnly("cite").required("cite").text());
        }

        PolicyTable.EmployeeTransferRule employee = null;
        TableNode employeeNode = root.optional("employeeInsuranceTransfer");
        if (employeeNode != null) {
            employeeNode.allowOnly("withinMonths", "cite");
            employee = new PolicyTable.EmployeeTransferRule(employeeNode.required("withinMonths").positiveInteger(),
                    employeeNode.required("cite").text());
        }

        PolicyTable.GraduateRule graduate = null;
        TableNode graduateNode = root.optional("graduate");
        if (graduateNode != null) {
            graduateNode.allowOnly("windowStart", "windowEnd", "benefitStart", "cite");
            var windowStart = graduateNode.required("windowStart").monthDay();
            var windowEnd = graduateNode.required("windowEnd").monthDay();
            if (windowEnd.isBefore(windowStart)) {
                throw graduateNode.required("windowEnd").error("table.endBeforeStart", windowEnd, windowStart);
            }
            graduate = new PolicyTable.GraduateRule(windowStart, windowEnd,
                    graduateNode.required("benefitStart").monthDay(), graduateNode.required("cite").text());
        }

        String highestWinsCite = root.required("highestSubsidyWins").allowOnly("cite").required("cite").text();
        Map<String, PolicyTable.Category> categories = categories(root.required("categories"));

        PolicyTable.LowIncomeRule lowIncome = null;
        TableNode lowIncomeNode = root.optional("lowIncome");
        if (lowIncomeNode != null) {
            lowIncomeNode.allowOnly("categories", "cite");
            Set<String> codes = new LinkedHashSet<>();
            for (TableNode code : lowIncomeNode.required("categories").elements()) {
                String text = code.text();
                if (!categories.containsKey(text)) {
                    throw code.error("table.unknownCategory", text);
                }
                codes.add(text);
            }
            lowIncome = new PolicyTable.LowIncomeRule(codes, lowIncomeNode.required("cite").text());
        }

        return new PolicyTable(root.origin(), year, version, sources,
                standards, standardsCite, period, monthlyStart, waiting, deadline, surcharge, newborn, guardianCoverage, lowIncome,
                employee, graduate, highestWinsCite, categories);
    }

    private static List<PolicyTable.SourceDocument> sources(TableNode node) {
        List<PolicyTable.SourceDocument> sources = new ArrayList<>();
        for (TableNode source : node.elements()) {
            source.allowOnly("document", "date", "scope", "seed");
            TableNode date = source.optional("date");
            TableNode seed = source.optional("seed");
            sources.add(new PolicyTable.SourceDocument(source.required("document").text(),
                    date == null ? null : date.date(), source.required("scope").text(),
                    seed == null ? null : seed.text()));
        }
        if (sources.isEmpty()) {
            throw node.error("table.noSources");
        }
        return sources;
    }

    private static Map<String, PolicyTable.Category> categories(TableNode node) {
        Map<String, PolicyTable.Category> categories = new LinkedHashMap<>();
        for (TableNode category : node.elements()) {
            category.allowOnly("code", "name", "tier1", "tier2", "cite");
            TableNode codeNode = category.required("code");
            String code = codeNode.text();
            if (!code.matches("[A-Z][A-Z0-9_]*")) {
                throw codeNode.error("table.categoryCode", code);
            }
            if (categories.containsKey(code)) {
                throw codeNode.error("table.duplicateCategory", code);
            }
            Money tier1 = optionalMoney(category.presentOrNull("tier1"));
            Money tier2 = optionalMoney(category.presentOrNull("tier2"));
            TableNode cite = category.optional("cite");
            if ((tier1 != null || tier2 != null) && cite == null) {
                throw category.required("cite").error("table.missing");
            }
            categories.put(code, new PolicyTable.Category(code, category.required("name").text(), tier1, tier2,
                    cite == null ? null : cite.text()));
        }
        if (categories.isEmpty()) {
            throw node.error("table.noCategories");
        }
        return categories;
    }

    private static Money optionalMoney(TableNode node) {
        return node == null ? null : node.money();
    }

    private static Money positive(TableNode node) {
        Money money = node.money();
        if (money.isZero()) {
            throw node.error("table.type.positiveMoney", "0");
        }
        return money;
    }

    private static LocalDate inYear(TableNode node, int year) {
        LocalDate date = node.date();
        if (date.getYear() != year) {
            throw node.error("table.dateOutsideYear", date, year);
        }
        return date;
    }
}
