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
        root.allowOnly("policyYear", "version", "sources", "standards", "fiscalSubsidy", "paymentWindows",
                "waitingRule", "ordinaryDeadline", "lateSurcharge", "newborn", "guardianCoverage", "lowIncome",
                "employeeInsuranceTransfer", "graduate", "highestSubsidyWins", "categories", "notes");
        int year = root.required("policyYear").integer();
        if (year < 2000 || year > 2100) {
            throw root.required("policyYear").error("table.yearRange", year);
        }
        String version = root.required("version").text();
        List<PolicyTable.SourceDocument> sources = sources(root.required("sources"));

        TableNode standardsNode = root.required("standards").allowOnly("tier1", "tier2", "status", "cite");
        var standards = new PolicyTable.Standards(positive(standardsNode.required("tier1")),
                positive(standardsNode.required("tier2")), standardsNode.status(), standardsNode.cite());

        PolicyTable.FiscalSubsidy fiscalSubsidy = null;
        TableNode fiscalNode = root.optional("fiscalSubsidy");
        if (fiscalNode != null) {
            fiscalNode.allowOnly("amount", "status", "cite");
            fiscalSubsidy = new PolicyTable.FiscalSubsidy(positive(fiscalNode.required("amount")), fiscalNode.status(),
                    fiscalNode.cite());
        }

        PolicyTable.WaitingRule waitingRule = null;
        TableNode waitingNode = root.optional("waitingRule");
        if (waitingNode != null) {
            waitingRule = waitingRule(waitingNode, year);
        }
        List<PolicyTable.PaymentWindow> windows = windows(root.required("paymentWindows"), year, waitingRule != null);

        PolicyTable.Deadline deadline = null;
        TableNode deadlineNode = root.optional("ordinaryDeadline");
        if (deadlineNode != null) {
            deadlineNode.allowOnly("date", "status", "cite");
            LocalDate date = inYear(deadlineNode.required("date"), year);
            if (!date.isAfter(windows.get(0).end())) {
                throw deadlineNode.required("date").error("table.notAfter", date, windows.get(0).end());
            }
            deadline = new PolicyTable.Deadline(date, deadlineNode.status(), deadlineNode.cite());
        }

        PolicyTable.Surcharge surcharge = null;
        TableNode surchargeNode = root.optional("lateSurcharge");
        if (surchargeNode != null) {
            surchargeNode.allowOnly("from", "status", "cite");
            if (fiscalSubsidy == null) {
                // the surcharge is the fiscal subsidy the late payer loses: without that figure there is none
                throw surchargeNode.error("table.surchargeWithoutFiscalSubsidy");
            }
            FigureStatus status = surchargeNode.status();
            surcharge = new PolicyTable.Surcharge(fiscalSubsidy.amount(), inYear(surchargeNode.required("from"), year),
                    status.isProvisional() ? status : fiscalSubsidy.status(), surchargeNode.cite());
        }

        TableNode newbornNode = root.required("newborn").allowOnly("withinDays", "status", "previousYearBirths",
                "cite");
        TableNode previousYear = newbornNode.required("previousYearBirths").allowOnly("status", "cite");
        var newborn = new PolicyTable.NewbornRule(newbornNode.required("withinDays").positiveInteger(),
                newbornNode.status(), newbornNode.cite(), previousYear.status(), previousYear.cite());

        PolicyTable.GuardianCoverage guardianCoverage = null;
        TableNode guardianNode = root.optional("guardianCoverage");
        if (guardianNode != null) {
            guardianNode.allowOnly("status", "cite");
            guardianCoverage = new PolicyTable.GuardianCoverage(guardianNode.status(), guardianNode.cite());
        }

        PolicyTable.EmployeeTransferRule employee = null;
        TableNode employeeNode = root.optional("employeeInsuranceTransfer");
        if (employeeNode != null) {
            employeeNode.allowOnly("withinMonths", "status", "cite");
            employee = new PolicyTable.EmployeeTransferRule(employeeNode.required("withinMonths").positiveInteger(),
                    employeeNode.status(), employeeNode.cite());
        }

        PolicyTable.GraduateRule graduate = null;
        TableNode graduateNode = root.optional("graduate");
        if (graduateNode != null) {
            graduateNode.allowOnly("windowStart", "windowEnd", "benefitStart", "status", "cite");
            var windowStart = graduateNode.required("windowStart").monthDay();
            var windowEnd = graduateNode.required("windowEnd").monthDay();
            if (windowEnd.isBefore(windowStart)) {
                throw graduateNode.required("windowEnd").error("table.endBeforeStart", windowEnd, windowStart);
            }
            graduate = new PolicyTable.GraduateRule(windowStart, windowEnd,
                    graduateNode.required("benefitStart").monthDay(), graduateNode.status(), graduateNode.cite());
        }

        String highestWinsCite = root.required("highestSubsidyWins").allowOnly("cite").cite();
        Map<String, PolicyTable.Category> categories = categories(root.required("categories"));

        PolicyTable.LowIncomeRule lowIncome = null;
        TableNode lowIncomeNode = root.optional("lowIncome");
        if (lowIncomeNode != null) {
            lowIncomeNode.allowOnly("categories", "status", "cite");
            Set<String> codes = new LinkedHashSet<>();
            for (TableNode code : lowIncomeNode.required("categories").elements()) {
                String text = code.text();
                if (!categories.containsKey(text)) {
                    throw code.error("table.unknownCategory", text);
                }
                codes.add(text);
            }
            lowIncome = new PolicyTable.LowIncomeRule(codes, lowIncomeNode.status(), lowIncomeNode.cite());
        }

        return new PolicyTable(root.origin(), year, version, sources, standards, fiscalSubsidy, windows, deadline,
                surcharge, waitingRule, newborn, guardianCoverage, lowIncome, employee, graduate, highestWinsCite,
                categories);
    }

    /**
     * The payment windows: in date order, each starting the day after the previous one ends, the first
     * (集中参保期) covering from Jan 1 and ending within the policy year or the year before, only the last
     * open-ended, none ending after Dec 31.
     */
    private static List<PolicyTable.PaymentWindow> windows(TableNode node, int year, boolean hasWaitingRule) {
        List<PolicyTable.PaymentWindow> windows = new ArrayList<>();
        List<TableNode> elements = node.elements();
        if (elements.isEmpty()) {
            throw node.error("table.noWindows");
        }
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        for (int i = 0; i < elements.size(); i++) {
            TableNode window = elements.get(i).allowOnly("start", "end", "benefitStart", "days", "status", "cite");
            LocalDate start = window.required("start").date();
            TableNode endNode = window.optional("end");
            LocalDate end = endNode == null ? null : endNode.date();
            boolean last = i == elements.size() - 1;
            if (end == null && !last) {
                throw window.required("end").error("table.missing");
            }
            if (end != null && end.isBefore(start)) {
                throw endNode.error("table.endBeforeStart", end, start);
            }
            if (end != null && end.isAfter(yearEnd)) {
                throw endNode.error("table.windowAfterYear", end, year);
            }
            if (start.getYear() < year - 1 || start.isAfter(yearEnd)) {
                throw window.required("start").error("table.periodOutsideYear", year);
            }
            if (i > 0) {
                LocalDate expected = windows.get(i - 1).end().plusDays(1);
                if (!start.equals(expected)) {
                    throw window.required("start").error("table.windowGap", start, expected);
                }
            }
            TableNode ruleNode = window.required("benefitStart");
            PolicyTable.BenefitStart rule = JsonWord.parse(PolicyTable.BenefitStart.class, ruleNode.text())
                    .orElseThrow(() -> ruleNode.error("table.benefitStartRule", ruleNode.text()));
            if (i == 0 && rule != PolicyTable.BenefitStart.YEAR_START) {
                throw ruleNode.error("table.firstWindowYearStart");
            }
            if (i == 0 && (end.getYear() < year - 1 || end.getYear() > year)) {
                throw endNode.error("table.periodOutsideYear", year);
            }
            TableNode daysNode = window.optional("days");
            Integer days = null;
            if (rule == PolicyTable.BenefitStart.AFTER_DAYS) {
                days = window.required("days").positiveInteger();
            } else if (daysNode != null) {
                throw daysNode.error("table.daysOnlyAfterDays");
            }
            if (rule == PolicyTable.BenefitStart.WAITING_RULE && !hasWaitingRule) {
                throw ruleNode.error("table.noWaitingRule");
            }
            windows.add(new PolicyTable.PaymentWindow(start, end, rule, days, window.status(), window.cite()));
        }
        return windows;
    }

    private static PolicyTable.WaitingRule waitingRule(TableNode node, int year) {
        node.allowOnly("fixedMonths", "monthsPerBrokenYear", "firstCountedYear", "firstCountedYearStatus",
                "firstCountedYearConfirmedBy", "firstCountedYearConfirmedOn", "minimumAfterRepair", "repairPrice",
                "continuityNoteFromYears", "status", "cite");
        int fixed = node.required("fixedMonths").positiveInteger();
        int perYear = node.required("monthsPerBrokenYear").positiveInteger();
        TableNode firstNode = node.required("firstCountedYear");
        int first = firstNode.integer();
        if (first < 1900 || first > year) {
            throw firstNode.error("table.firstCountedYear", first, year);
        }
        TableNode minimum = node.required("minimumAfterRepair").allowOnly("brokenYearsAtLeast", "months");
        int fromBroken = minimum.required("brokenYearsAtLeast").positiveInteger();
        int minimumMonths = minimum.required("months").positiveInteger();
        TableNode priceNode = node.required("repairPrice");
        PolicyTable.RepairPrice price = JsonWord.parse(PolicyTable.RepairPrice.class, priceNode.text())
                .orElseThrow(() -> priceNode.error("table.repairPrice", priceNode.text()));
        int noteFrom = node.required("continuityNoteFromYears").positiveInteger();
        TableNode firstStatusNode = node.required("firstCountedYearStatus");
        FigureStatus firstStatus = JsonWord.parse(FigureStatus.class, firstStatusNode.text())
                .orElseThrow(() -> firstStatusNode.error("table.status", firstStatusNode.text()));
        // firstCountedYear is a figure of its own (its own status), so its confirmer has its own fields
        node.confirmer("firstCountedYearConfirmedBy", "firstCountedYearConfirmedOn");
        return new PolicyTable.WaitingRule(fixed, perYear, first, firstStatus, fromBroken, minimumMonths, price,
                noteFrom, node.status(), node.cite());
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
            category.allowOnly("code", "name", "tier1", "tier2", "status", "cite");
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
                    category.status(), cite == null ? null : cite.text()));
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
