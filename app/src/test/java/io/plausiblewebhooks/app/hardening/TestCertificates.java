package io.plausiblewebhooks.app.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Server certificates made for one test run with the JDK's keytool: a test CA, and leaves it signed
 * that are expired or name another host, plus a self-signed one nobody trusts. The CA goes into the
 * service's trusted PEM, so that each leaf fails for its own reason only.
 */
final class TestCertificates {
    private static final String PASSWORD = "changeit";

    private final Path directory;

    TestCertificates(Path directory) throws Exception {
        this.directory = directory;
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Hostile Test CA",
                "-ext", "bc:c", "-validity", "30", "-keystore", store("ca"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-file", path("ca.pem"));
    }

    /** The test CA as PEM, to add to {@code delivery.trustedCertificates}. */
    String caPem() throws IOException {
        return Files.readString(directory.resolve("ca.pem"), StandardCharsets.US_ASCII);
    }

    /** A leaf for 127.0.0.1 whose validity ended days ago, signed by the trusted CA. */
    SSLContext expired() throws Exception {
        return signedLeaf("expired", "ip:127.0.0.1", "-10d", "2");
    }

    /** A valid leaf signed by the trusted CA, but for another host name than 127.0.0.1. */
    SSLContext wrongHost() throws Exception {
        return signedLeaf("wronghost", "dns:wrong-host.example", "-1d", "30");
    }

    /** A valid self-signed certificate for 127.0.0.1 that the service does not trust. */
    SSLContext untrusted() throws Exception {
        keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "30", "-keystore", store("untrusted"));
        KeyStore store = load("untrusted");
        return serverContext((PrivateKey) store.getKey("leaf", PASSWORD.toCharArray()),
                List.of(store.getCertificate("leaf")));
    }

    private SSLContext signedLeaf(String name, String san, String start, String validityDays) throws Exception {
        keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "30", "-keystore", store(name));
        keytool("-certreq", "-alias", "leaf", "-keystore", store(name), "-file", path(name + ".csr"));
        keytool("-gencert", "-alias", "ca", "-keystore", store("ca"), "-infile", path(name + ".csr"), "-rfc",
                "-outfile", path(name + ".pem"), "-startdate", start, "-validity", validityDays, "-ext", "san=" + san);
        List<Certificate> chain = new ArrayList<>(certificates(name + ".pem"));
        chain.addAll(certificates("ca.pem"));
        return serverContext((PrivateKey) load(name).getKey("leaf", PASSWORD.toCharArray()), chain);
    }

    private List<? extends Certificate> certificates(String file) throws Exception {
        try (InputStream in = Files.newInputStream(directory.resolve(file))) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    private KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve(name + ".p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static SSLContext serverContext(PrivateKey key, List<? extends Certificate> chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private String store(String name) {
        return path(name + ".p12");
    }

    private String path(String file) {
        return directory.resolve(file).toString();
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-J-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Path output = Files.createTempFile(directory, "keytool", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + Files.readString(output));
        }
    }
}
