package nl.aanpakeenzaamheid.searchnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one OpenSearch 2.19.x node inside this JVM, for development and tests.
 *
 * <p>REST on 127.0.0.1, single-node discovery, no security plugin. The modules it needs
 * (Netty HTTP/transport and analysis-common) are handed over as classpath plugins, so
 * {@code modules/} and {@code plugins/} under {@code path.home} stay empty and no
 * bootstrap checks, SecurityManager or jar-hell scan run.
 *
 * <p>Configured with system properties:
 * {@code searchnode.home} (default {@code .run/search-node}),
 * {@code searchnode.http.port} (9200), {@code searchnode.transport.port} (9300),
 * {@code searchnode.host} (127.0.0.1), {@code searchnode.cluster.name} (aanpak-search).
 * Stop it with SIGTERM: the shutdown hook closes the node.
 */
public final class SearchNode {

    private static final String NODE_NAME = "search-node-1";

    /** The constructor that accepts classpath plugins is protected in 2.x. */
    static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
            super(env, plugins, true);
        }
    }

    private SearchNode() {
    }

    private static String opt(String key, String fallback) {
        return System.getProperty("searchnode." + key, fallback);
    }

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(opt("home", ".run/search-node")).toAbsolutePath().normalize();
        String host = opt("host", "127.0.0.1");
        String httpPort = opt("http.port", "9200");
        String transportPort = opt("transport.port", "9300");

        // path.home must exist; modules/ and plugins/ are present but stay empty
        for (String dir : new String[] {"config", "data", "logs", "modules", "plugins"}) {
            Files.createDirectories(home.resolve(dir));
        }

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", opt("cluster.name", "aanpak-search"))
            .put("node.name", NODE_NAME)
            .put("discovery.type", "single-node")
            .put("network.host", host)
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            // never refuse allocation / go read-only because the disk is nearly full
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();

        // Referenced directly, so a wrong class name fails at compile time.
        List<Class<? extends Plugin>> plugins = List.of(
            Netty4Plugin.class,          // HTTP + transport
            CommonAnalysisPlugin.class   // asciifolding, ngram, edge_ngram, stemmer/dutch, ...
        );

        Environment env = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), home.resolve("config"), () -> NODE_NAME);
        Node node = new ClasspathPluginNode(env, plugins);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "search-node-shutdown"));

        try {
            node.start();
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.out.println("SEARCH-NODE READY http://" + host + ":" + httpPort);
        // every OpenSearch thread is a daemon thread: block main or the JVM exits
        stopped.await();
    }
}
