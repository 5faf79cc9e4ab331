package canbao.policy;

import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Tier;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Test fixture: quotes for people described in a line, on the built-in tables. */
final class Quotes {

    static final PolicyLibrary LIBRARY = PolicyLibrary.builtIn();
    static final QuoteEngine ENGINE = new QuoteEngine(Localization.CHINESE);

    private Quotes() {
    }

    /** An adult born 1980-03-15 unless a birth date is given. */
    static Person person() {
        return new Person(LocalDate.of(1980, 3, 15), Tier.ONE, List.of(), null, null, null, 0);
    }

    /**
     * @param covered the years of coverage history, null when not given
     */
    record Person(LocalDate birth, Tier tier, List<String> categories, LocalDate leftEmployeeInsurance,
                  Integer graduationYear, java.util.SortedSet<Integer> covered, int repair) {

        Person(LocalDate birth, Tier tier, List<String> categories, LocalDate leftEmployeeInsurance,
               Integer graduationYear) {
            this(birth, tier, categories, leftEmployeeInsurance, graduationYear, null, 0);
        }

        /** Years separated by spaces or commas, "[2024, 2025]" as POLICY.md writes them; "[]" for none. */
        Person covered(String years) {
            java.util.SortedSet<Integer> set = new java.util.TreeSet<>();
            for (String year : years.replaceAll("[\\[\\]]", " ").trim().split("[ ,]+")) {
                if (!year.isBlank()) {
                    set.add(Integer.parseInt(year));
                }
            }
            return new Person(birth, tier, categories, leftEmployeeInsurance, graduationYear, set, repair);
        }

        Person repairs(int years) {
            return new Person(birth, tier, categories, leftEmployeeInsurance, graduationYear, covered, years);
        }

        Person born(String date) {
            return new Person(LocalDate.parse(date), tier, categories, leftEmployeeInsurance, graduationYear, covered, repair);
        }

        Person tier(int number) {
            return new Person(birth, Tier.ofNumber(number).orElseThrow(), categories, leftEmployeeInsurance,
                    graduationYear, covered, repair);
        }

        Person withCategories(String... codes) {
            return new Person(birth, tier, Arrays.asList(codes), leftEmployeeInsurance, graduationYear, covered, repair);
        }

        /** Codes separated by spaces or '+', as written in the test tables; "-" for none. */
        Person categoriesText(String text) {
            if (text == null || text.isBlank() || text.equals("-")) {
                return withCategories();
            }
            return withCategories(text.trim().split("[ +]+"));
        }

        Person leftEmployeeInsurance(String date) {
            return new Person(birth, tier, categories, LocalDate.parse(date), graduationYear, covered, repair);
        }

        Person graduated(int year) {
            return new Person(birth, tier, categories, leftEmployeeInsurance, year, covered, repair);
        }

        PersonFacts facts() {
            return new PersonFacts(null, null, null, birth, null, tier, categories, leftEmployeeInsurance,
                    graduationYear, covered, repair);
        }

        MemberQuote pays(int policyYear, String paymentDate) {
            PolicyTable table = LIBRARY.table(policyYear).orElseThrow();
            return ENGINE.quote(table, facts(), LocalDate.parse(paymentDate));
        }
    }
}
