package canbao;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of STYLE.md, enforced: gui → (cli, store, sync, hub, report) → policy → model. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("canbao");
    }

    @Test
    void policyAndModelUseNoJavaFxNoSqlAndNoOuterLayer() {
        noClasses().that().resideInAnyPackage("canbao.policy..", "canbao.model..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "javax.sql..",
                        "org.jdbi..", "org.sqlite..", "org.flywaydb..",
                        "canbao.gui..", "canbao.cli..", "canbao.store..", "canbao.sync..", "canbao.hub..",
                        "canbao.report..")
                .check(classes);
    }

    @Test
    void modelDependsOnNothingOfOursButItself() {
        noClasses().that().resideInAPackage("canbao.model..")
                .should().dependOnClassesThat().resideInAPackage("canbao.policy..")
                .check(classes);
    }

    @Test
    void onlyTheGuiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("canbao.gui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void syncAndHubStayHeadless() {
        noClasses().that().resideInAnyPackage("canbao.sync..", "canbao.hub..")
                .should().dependOnClassesThat().resideInAnyPackage("canbao.gui..", "javafx..")
                .check(classes);
        noClasses().that().resideInAPackage("canbao.sync..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.jdbi..", "canbao.store..")
                .check(classes);
    }

    @Test
    void theCounterRootIsOpenedOnlyByTheWindowAndTheCommands() {
        // issue 14: one composition root (app.CounterServices) for the window and every command
        noClasses().that().resideOutsideOfPackages("canbao.app..", "canbao.gui..", "canbao.cli..")
                .should().dependOnClassesThat().resideInAPackage("canbao.app..")
                .check(classes);
        noClasses().that().resideInAPackage("canbao.app..")
                .should().dependOnClassesThat().resideInAnyPackage("canbao.gui..", "canbao.cli..", "javafx..")
                .check(classes);
    }

    @Test
    void accountsAndSignInStandOnTheStoreAlone() {
        // issue 14: operators, the keyring and sign-in in a package of their own: account → store, policy, model
        noClasses().that().resideInAPackage("canbao.store..")
                .should().dependOnClassesThat().resideInAPackage("canbao.account..")
                .check(classes);
        noClasses().that().resideInAPackage("canbao.account..")
                .should().dependOnClassesThat().resideInAnyPackage("canbao.gui..", "canbao.cli..", "canbao.app..",
                        "canbao.service..", "canbao.sync..", "canbao.hub..", "canbao.report..", "canbao.device..",
                        "javafx..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("canbao.account..", "canbao.app..", "canbao.gui..", "canbao.cli..")
                .should().dependOnClassesThat().resideInAPackage("canbao.account..")
                .check(classes);
    }

    @Test
    void theUseCasesStandOnTheStoreWhichKnowsNothingOfThem() {
        // issue 14: the use cases (enrol, cancel, renew, the newborn worklist) in service; Jdbi, DAOs and SQL in store
        noClasses().that().resideInAPackage("canbao.store..")
                .should().dependOnClassesThat().resideInAPackage("canbao.service..")
                .check(classes);
        noClasses().that().resideInAPackage("canbao.service..")
                .should().dependOnClassesThat().resideInAnyPackage("canbao.gui..", "canbao.cli..", "canbao.app..",
                        "canbao.report..", "canbao.sync..", "canbao.hub..", "canbao.account..", "canbao.device..",
                        "javafx..")
                .check(classes);
        // the window, the commands, the root and the printouts (of a loaded household) use them; nothing else
        noClasses().that().resideOutsideOfPackages("canbao.service..", "canbao.app..", "canbao.gui..", "canbao.cli..",
                        "canbao.report..")
                .should().dependOnClassesThat().resideInAPackage("canbao.service..")
                .check(classes);
    }

    @Test
    void nothingButTheEntryPointReachesIntoTheGui() {
        noClasses().that().resideOutsideOfPackage("canbao.gui..").and().doNotHaveFullyQualifiedName("canbao.Main")
                .should().dependOnClassesThat().resideInAPackage("canbao.gui..")
                .check(classes);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("canbao.(*)..").should().beFreeOfCycles().check(classes);
        // nor do the screens' packages among themselves (gui.main, gui.common and each screen)
        slices().matching("canbao.gui.(*)..").should().beFreeOfCycles().check(classes);
    }
}
