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
        return new Person(LocalDate.of(1980, 3, 15), Tier.ONE, List.of(), null, null);
    }

    record Person(LocalDate birth, Tier tier, List<String> categories, LocalDate leftEmployeeInsurance,
                  Integer graduationYear) {

        Person born(String date) {
            return new Person(LocalDate.parse(date), tier, categories, leftEmployeeInsurance, graduationYear);
        }

        Person tier(int number) {
            return new Person(birth, Tier.ofNumber(number).orElseThrow(), categories, leftEmployeeInsurance,
                    graduationYear);
        }

        Person withCategories(String... codes) {
            return new Person(birth, tier, Arrays.asList(codes), leftEmployeeInsurance, graduationYear);
        }

        /** Codes separated by spaces or '+', as written in the test tables; "-" for none. */
        Person categoriesText(String text) {
            if (text == null || text.isBlank() || text.equals("-")) {
                return withCategories();
            }
            return withCategories(text.trim().split("[ +]+"));
        }

        Person leftEmployeeInsurance(String date) {
            return new Person(birth, tier, categories, LocalDate.parse(date), graduationYear);
        }

        Person graduated(int year) {
            return new Person(birth, tier, categories, leftEmployeeInsurance, year);
        }

        PersonFacts facts() {
            return new PersonFacts(null, null, null, birth, null, tier, categories, leftEmployeeInsurance,
                    graduationYear);
        }

        MemberQuote pays(int policyYear, String paymentDate) {
            PolicyTable table = LIBRARY.table(policyYear).orElseThrow();
            return ENGINE.quote(table, facts(), LocalDate.parse(paymentDate));
        }
    }
}
