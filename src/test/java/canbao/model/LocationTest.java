package canbao.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Where a problem is: built as parts by the code that finds it, read as parts by screens, text only at the edges. */
class LocationTest {

    @Test
    void aMemberFieldIsItsIndexAndFieldAndReadsAsTheAnswersWriteIt() {
        Problem problem = Problem.member(1, "idNumber", "identity.missing");

        Location.Member member = assertInstanceOf(Location.Member.class, problem.location());
        assertEquals(1, member.index());
        assertEquals(Location.field("idNumber"), member.within());
        assertEquals(1, problem.location().memberIndex());
        assertEquals("idNumber", problem.location().name());
        assertEquals("members[1].idNumber", problem.field());
        assertEquals("members[1].idNumber: " + problem.message(Localization.CHINESE),
                problem.describe(Localization.CHINESE));
    }

    @Test
    void partsOfAMemberAndOfAListAndOfAFile() {
        assertEquals("members[0].enrollment.paymentDate",
                new Location.Member(0, Location.NONE).child("enrollment").child("paymentDate").text());
        Location category = Location.item("categories", 2).child("code").inMember(3);
        assertEquals("members[3].categories[2].code", category.text());
        assertEquals("categories.code", category.name());
        assertEquals("member.categories[0]", Location.item("categories", 0).under("member").text());
        assertEquals("member.categories", Location.item("categories", 0).under("member").name());
        assertEquals("idNumber", Location.NONE.under("idNumber").text());
        assertEquals("第12行 身份证号", Location.cell(12, "身份证号").text());
        assertEquals("身份证号", Location.cell(12, "身份证号").name());
        assertEquals(-1, Location.cell(12, "身份证号").memberIndex());
        assertEquals("", Location.NONE.text());
        assertEquals(Location.NONE, Location.field(""));
        assertThrows(IllegalStateException.class, () -> Location.member(0, "name").inMember(1));
        // a JSON reader's places: member 0's second covered year, a category's code
        assertEquals(new Location.Member(0, Location.item("coveredYears", 1)),
                new Location.Member(0, Location.NONE).child("coveredYears").element(1));
        assertEquals("members[0].categories[2].code",
                new Location.Member(0, Location.NONE).child("categories").element(2).child("code").text());
    }
}
