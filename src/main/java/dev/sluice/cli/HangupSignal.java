package dev.sluice.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on SIGHUP, the Unix way to ask a server to read its config again. The JDK offers signals
 * only through {@code sun.misc.Signal} (module jdk.unsupported), reached here by reflection so that the build
 * stays free of its internal-API warning; where it is missing (not a HotSpot JDK, or Windows), reload through
 * {@code POST /admin/config/reload} still works.
 */
final class HangupSignal {
    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {}

    static void onHangup(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> signal = signalClass.getConstructor(String.class);
            Object handler = Proxy.newProxyInstance(HangupSignal.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            LOG.info("SIGHUP: reading the config file again");
                            Thread.ofVirtual().name("sluice-reload").start(action);
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "SIGHUP handler";
                        };
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            handle.invoke(null, signal.newInstance("HUP"), handler);
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            LOG.warn("SIGHUP cannot be caught on this JVM ({}); reload with POST /admin/config/reload", e.toString());
        }
    }
}
