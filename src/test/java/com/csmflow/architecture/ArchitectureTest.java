package com.csmflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rules that keep the code one capability per package (docs/architecture.md, "Rules the build
 * keeps"). Each rule runs over the production classes; {@link #theEngineInternalsRuleFailsOnAViolation()}
 * shows on a deliberate offender that a broken rule fails the build.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.csmflow");

    /**
     * Engine internals ({@code org.camunda.bpm.engine.impl}) only in the engine package and in these few
     * classes, which plug into the engine where it has no public extension point. Each says in its comment
     * ("Engine internals: ...") why no public API serves; {@link #everyClassOnEngineInternalsSaysWhy()}
     * checks that. Everything else stays on the public API, which is also what a switch to Operaton keeps
     * (docs/operations.md).
     */
    static final Set<String> ALLOWED_OUTSIDE_THE_ENGINE_PACKAGE = Set.of(
            "com.csmflow.api.InvalidInputException",
            "com.csmflow.notification.NotificationDeliveries",
            "com.csmflow.notification.NotificationDeliveryJob",
            "com.csmflow.security.GuardedIdentityProvider",
            "com.csmflow.security.IdentityEnginePlugin",
            "com.csmflow.security.ObjectVariableTypeValidation",
            "com.csmflow.security.PlatformInputsPlugin");

    static final ArchRule ENGINE_INTERNALS_ONLY_WHERE_ALLOWED = noClasses()
            .that()
            .resideOutsideOfPackage("com.csmflow.engine..")
            .and(DescribedPredicate.describe(
                    "are not on the allow-list",
                    (JavaClass javaClass) -> !ALLOWED_OUTSIDE_THE_ENGINE_PACKAGE.contains(topLevel(javaClass))))
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.camunda.bpm.engine.impl..")
            .because("engine internals change without notice; only the classes that must plug into them may");

    @Test
    void capabilitiesDoNotDependOnEachOtherInACycle() {
        slices().matching("com.csmflow.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void engineInternalsAreUsedOnlyWhereAllowed() {
        ENGINE_INTERNALS_ONLY_WHERE_ALLOWED.check(PRODUCTION);
    }

    @Test
    void everyClassOnEngineInternalsSaysWhy() throws IOException {
        Set<String> users = new TreeSet<>();
        for (JavaClass javaClass : PRODUCTION) {
            boolean usesInternals = javaClass.getDirectDependenciesFromSelf().stream()
                    .anyMatch(dependency ->
                            dependency.getTargetClass().getPackageName().startsWith("org.camunda.bpm.engine.impl"));
            if (usesInternals) {
                users.add(topLevel(javaClass));
            }
        }
        List<String> silent = new ArrayList<>();
        for (String className : users) {
            Path source = Path.of("src/main/java", className.replace('.', '/') + ".java");
            if (!Files.readString(source).contains("Engine internals:")) {
                silent.add(className);
            }
        }
        assertThat(users).isNotEmpty();
        assertThat(silent)
                .as("classes on engine internals without an 'Engine internals:' comment")
                .isEmpty();
    }

    /** A capability's tables are its own: other capabilities go through its public service, not its repository. */
    @Test
    void repositoriesAreUsedOnlyInsideTheirCapability() {
        classes()
                .that()
                .areAssignableTo(Repository.class)
                .and()
                .resideInAPackage("com.csmflow..")
                .should(beAccessedOnlyFromTheirOwnPackage())
                .check(PRODUCTION);
    }

    /** Controllers are the outer edge: nothing calls into them. */
    @Test
    void nothingDependsOnAController() {
        noClasses().should().dependOnClassesThat(areOtherControllers()).check(PRODUCTION);
    }

    /** Delegates are Spring beans referenced as {@code ${beanName}}, never {@code camunda:class}. */
    @Test
    void delegatesAreSpringBeans() {
        classes()
                .that()
                .implement(JavaDelegate.class)
                .and()
                .areNotInterfaces()
                .should()
                .beAnnotatedWith(Component.class)
                .check(PRODUCTION);
    }

    @Test
    void theEngineInternalsRuleFailsOnAViolation() {
        JavaClasses offender = new ClassFileImporter().importClasses(UsesEngineInternals.class);
        assertThatThrownBy(() -> ENGINE_INTERNALS_ONLY_WHERE_ALLOWED.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("UsesEngineInternals")
                .hasMessageContaining("org.camunda.bpm.engine.impl.util.ClockUtil");
    }

    private static String topLevel(JavaClass javaClass) {
        String name = javaClass.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static ArchCondition<JavaClass> beAccessedOnlyFromTheirOwnPackage() {
        return new ArchCondition<>("be accessed only from their own package") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                repository.getDirectDependenciesToSelf().stream()
                        .filter(dependency ->
                                !dependency.getOriginClass().getPackageName().equals(repository.getPackageName()))
                        .forEach(dependency ->
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
            }
        };
    }

    private static DescribedPredicate<JavaClass> areOtherControllers() {
        return DescribedPredicate.describe("controllers", javaClass -> javaClass.isAnnotatedWith(RestController.class));
    }

    /** A deliberate offender for the rule test above: outside the engine package, on engine internals. */
    static final class UsesEngineInternals {
        long now() {
            return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime();
        }
    }
}
