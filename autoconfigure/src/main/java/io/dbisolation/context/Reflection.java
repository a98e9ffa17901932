package io.dbisolation.context;

import java.lang.reflect.InvocationTargetException;

/**
 * Calls a public no-argument method of a class DbIsolation does not compile against
 * (Testcontainers', Spring Boot's optional modules'), rethrowing what the method throws.
 */
final class Reflection {

	private Reflection() {
	}

	/**
	 * Calls a method.
	 * @param target the object
	 * @param type the public type that declares the method (the object's own class may
	 * not be accessible)
	 * @param method the method's name
	 * @return what it returned
	 */
	static Object call(Object target, Class<?> type, String method) {
		try {
			return type.getMethod(method).invoke(target);
		}
		catch (InvocationTargetException ex) {
			if (ex.getTargetException() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getTargetException());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Calls a method that returns text.
	 * @param target the object
	 * @param type the public type that declares the method
	 * @param method the method's name
	 * @return what it returned, as text, or {@code null}
	 */
	static String text(Object target, Class<?> type, String method) {
		Object value = call(target, type, method);
		return (value != null) ? value.toString() : null;
	}

}
