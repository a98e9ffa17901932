package io.dbisolation.benchmarks.scale;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import org.springframework.test.context.TestPropertySource;

/**
 * One JVM of the scale benchmark (as a Surefire fork would be): generates the test
 * classes of a range of contexts, runs them in one launcher request, and prints one line
 * {@code RESULT <contexts> <tests> <failures> <millis>}, the time from the first class to
 * the last.
 * <p>
 * Arguments: {@code <first context> <last context, exclusive>}.
 */
public final class ScaleFork {

	private ScaleFork() {
	}

	public static void main(String[] args) {
		int first = Integer.parseInt(args[0]);
		int end = Integer.parseInt(args[1]);
		List<DiscoverySelector> selectors = new ArrayList<>();
		for (int context = first; context < end; context++) {
			selectors.add(DiscoverySelectors.selectClass(contextClass(context)));
		}
		AtomicInteger tests = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		Launcher launcher = LauncherFactory.create();
		long start = System.nanoTime();
		launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(),
				new TestExecutionListener() {
					@Override
					public void executionFinished(TestIdentifier test, TestExecutionResult result) {
						if (test.isTest()) {
							tests.incrementAndGet();
						}
						if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
							failures.incrementAndGet();
							System.err.println("FAILED " + test.getDisplayName() + ": "
									+ result.getThrowable().map(Throwable::toString).orElse("?"));
						}
					}
				});
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.println("RESULT " + (end - first) + " " + tests + " " + failures + " " + millis);
		System.exit(0);
	}

	/**
	 * A subclass of the test bodies whose context differs from every other one by one
	 * property.
	 */
	private static Class<?> contextClass(int context) {
		AnnotationDescription properties = AnnotationDescription.Builder.ofType(TestPropertySource.class)
			.defineArray("properties", ScaleContextBodies.CONTEXT_PROPERTY + "=" + context)
			.build();
		return new ByteBuddy().subclass(ScaleContextBodies.class)
			.name(ScaleContextBodies.class.getPackageName() + ".Context" + context + "Tests")
			.annotateType(properties)
			.make()
			// defined in this class's package, through its lookup
			.load(ScaleFork.class.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(MethodHandles.lookup()))
			.getLoaded();
	}

}
