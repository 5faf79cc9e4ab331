package canbao.store;

import static canbao.store.StoreFixture.household;
import static canbao.store.StoreFixture.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.PersonHit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonSearchTest {

    @TempDir
    Path folder;

    private StoreFixture store;
    private PersonSearch search;

    @BeforeEach
    void fill() {
        store = new StoreFixture(folder);
        store.households.save(household("0012", member("张三", "500230198003151079", "户主"),
                member("李四", "500230198207073877", "配偶")), "王芳");
        store.households.save(household("0013", member("张三丰", "500230198003151087", "户主"),
                member("王_五", "500230199001011237", "户主")), "王芳");
        search = new PersonSearch(store.database);
    }

    @AfterEach
    void close() {
        search.close();
        store.close();
    }

    @Test
    void fullIdNumberFindsThePersonAndTheListShowsItMasked() {
        List<PersonHit> hits = search.search("500230198207073877", 50);

        assertEquals(List.of("李四"), names(hits));
        assertEquals("500230********3877", hits.get(0).maskedIdentity());
        assertEquals("0012", hits.get(0).householdNumber());
    }

    @Test
    void nameOrInitialsPrefixFindsEveryoneItStarts() {
        assertEquals(List.of("张三", "张三丰"), names(search.search("张三", 50)));
        assertEquals(List.of("张三", "张三丰"), names(search.search("zs", 50)));
        assertEquals(List.of("张三丰"), names(search.search("ZSF", 50)));
        assertEquals(List.of("张三"), names(search.search("张", 1)));
    }

    @Test
    void householdNumberListsItsMembers() {
        assertEquals(List.of("张三", "李四"), names(search.search("0012", 50)));
    }

    @Test
    void typedWildcardsMatchThemselves() {
        assertEquals(List.of("王_五"), names(search.search("王_", 50)));
        assertTrue(search.search("%", 50).isEmpty());
        assertTrue(search.search("  ", 50).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM person p WHERE p.name LIKE '张%' ESCAPE '\\' ORDER BY p.name COLLATE NOCASE LIMIT 50",
        "SELECT * FROM person p WHERE p.name_initials LIKE 'zs%' ESCAPE '\\' ORDER BY p.name_initials COLLATE NOCASE LIMIT 50",
        "SELECT * FROM person p WHERE p.id_number = '500230198003151079'"})
    void lookupsUseAnIndexNotAScan(String query) {
        List<String> plan = store.database.jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + query)
                .map((rs, ctx) -> rs.getString("detail")).list());

        assertTrue(plan.stream().anyMatch(step -> step.contains("USING INDEX")), plan::toString);
        assertFalse(plan.stream().anyMatch(step -> step.startsWith("SCAN p") && !step.contains("INDEX")),
                plan::toString);
        assertFalse(plan.stream().anyMatch(step -> step.contains("TEMP B-TREE")), plan::toString);
    }

    @Test
    void pinyinInitialsOfChineseNames() {
        assertEquals("zs", PinyinInitials.of("张三"));
        assertEquals("zsf", PinyinInitials.of("张三丰"));
        assertEquals("lxm", PinyinInitials.of("李小明"));
        assertEquals("aw2", PinyinInitials.of("A王2"));
    }

    private static List<String> names(List<PersonHit> hits) {
        return hits.stream().map(PersonHit::name).toList();
    }
}
