package cn.dsflow;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked on the compiled classes: a newcomer reads one package without
 * having to read the ones above it, and a change to a lower layer cannot be broken by a rule written in a higher one.
 */
class PackageLayeringTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() throws URISyntaxException {
    // the compiled main classes only, not the test classes nor every jar on the classpath
    Path mainClasses = Path.of(DsflowApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    main = new ClassFileImporter().importPath(mainClasses);
  }

  @Test
  void noPackageCycleAmongTheCapabilities() {
    slices().matching("cn.dsflow.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void systemIsInfrastructureAndImportsNothingOfTheDomain() {
    noClasses().that().resideInAPackage("cn.dsflow.system..")
        .should().dependOnClassesThat(resideInAPackage("cn.dsflow..").and(not(resideInAPackage("cn.dsflow.system.."))))
        .check(main);
  }

  @Test
  void formReadsTheFormFilesWithNothingButTheInfrastructureAndTheVariableNames() {
    // a form field is named by its process variable (a field key becomes that variable on submit)
    noClasses().that().resideInAPackage("cn.dsflow.form..")
        .should().dependOnClassesThat(resideInAPackage("cn.dsflow..")
            .and(not(resideInAnyPackage("cn.dsflow.form..", "cn.dsflow.system..", "cn.dsflow.process.."))))
        .check(main);
  }

  @Test
  void variableNamesImportNothingOfDsflow() {
    // every layer names its variables here, the floor included, so this package can look at none of them
    noClasses().that().resideInAPackage("cn.dsflow.process..")
        .should().dependOnClassesThat(resideInAPackage("cn.dsflow..").and(not(resideInAPackage("cn.dsflow.process.."))))
        .check(main);
  }

  @Test
  void ledgerIsTheFloorEveryProcessWritesToAndImportsOnlyTheInfrastructure() {
    // every capability audits through AuditChain, so an upward import here would close a cycle through all of them
    noClasses().that().resideInAPackage("cn.dsflow.ledger..")
        .should().dependOnClassesThat(resideInAPackage("cn.dsflow..")
            .and(not(resideInAnyPackage("cn.dsflow.ledger..", "cn.dsflow.system.."))))
        .check(main);
  }
}
