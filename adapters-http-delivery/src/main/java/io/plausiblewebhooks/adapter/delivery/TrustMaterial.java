package io.plausiblewebhooks.adapter.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The TLS context of the sender: the JVM's trusted CAs plus the certificates of an optional PEM file. */
public final class TrustMaterial {
    private TrustMaterial() {
    }

    /** @param extraPem a PEM file of certificates to trust as well, or null */
    public static SSLContext sslContext(Path extraPem) {
        try {
            X509TrustManager jvm = trustManager(null);
            X509TrustManager combined = jvm;
            if (extraPem != null) {
                KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
                extra.load(null, null);
                int i = 0;
                for (Certificate certificate : readCertificates(extraPem)) {
                    extra.setCertificateEntry("extra-" + i++, certificate);
                }
                if (i == 0) {
                    throw new IllegalArgumentException("no certificate in " + extraPem);
                }
                combined = new EitherTrustManager(jvm, trustManager(extra));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {combined}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> readCertificates(Path pem) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store); // null: the JVM's default trust store
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X509TrustManager");
    }

    /** Trusts a server chain that either manager trusts. */
    private static final class EitherTrustManager implements X509TrustManager {
        private final X509TrustManager first;
        private final X509TrustManager second;

        EitherTrustManager(X509TrustManager first, X509TrustManager second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException notTrustedByJvm) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> issuers = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            issuers.addAll(List.of(second.getAcceptedIssuers()));
            return issuers.toArray(X509Certificate[]::new);
        }
    }
}
