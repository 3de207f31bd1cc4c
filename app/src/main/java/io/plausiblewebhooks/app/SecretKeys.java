package io.plausiblewebhooks.app;

import io.plausiblewebhooks.adapter.persistence.SecretBox;
import io.plausiblewebhooks.app.config.AuthConfig;
import io.plausiblewebhooks.app.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the key that encrypts webhook secrets comes from: {@code auth.secretEncryptionKey}; in
 * production mode ({@code database.embedded: false}) it is required. With the embedded database and
 * no key configured, one is generated once into {@code secret-encryption.key} next to the data
 * directory (mode 600), so the shipped config.yml runs as is and restarts can still read the secrets.
 */
public final class SecretKeys {
    static final String KEY_FILE = "secret-encryption.key";
    private static final Logger LOG = LoggerFactory.getLogger(SecretKeys.class);

    private SecretKeys() {
    }

    public static SecretBox box(AuthConfig auth, DatabaseConfig database) {
        List<byte[]> previous = new ArrayList<>();
        for (int i = 0; i < auth.getPreviousSecretEncryptionKeys().size(); i++) {
            previous.add(SecretBox.decodeKey(auth.getPreviousSecretEncryptionKeys().get(i),
                    "auth.previousSecretEncryptionKeys[" + i + "]"));
        }
        return new SecretBox(currentKey(auth, database), previous);
    }

    private static byte[] currentKey(AuthConfig auth, DatabaseConfig database) {
        String configured = auth.getSecretEncryptionKey();
        if (configured != null && !configured.isBlank()) {
            return SecretBox.decodeKey(configured, "auth.secretEncryptionKey");
        }
        if (!database.isEmbedded()) {
            throw new IllegalStateException("auth.secretEncryptionKey is required when database.embedded is false"
                    + " (production mode): set PW_SECRET_ENCRYPTION_KEY to 32 random bytes in base64,"
                    + " e.g. `openssl rand -base64 32`, and keep it safe: webhook secrets cannot be read without it");
        }
        return embeddedKey(keyFile(database));
    }

    static Path keyFile(DatabaseConfig database) {
        Path dataDirectory = Path.of(database.getDataDirectory()).toAbsolutePath().normalize();
        Path parent = dataDirectory.getParent() == null ? dataDirectory : dataDirectory.getParent();
        return parent.resolve(KEY_FILE);
    }

    private static byte[] embeddedKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                String encoded = Base64.getEncoder().encodeToString(SecretBox.newKey()) + "\n";
                try {
                    // Created with mode 600 in one step, so the key is never readable by others.
                    Files.write(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))), encoded.getBytes(StandardCharsets.US_ASCII),
                            StandardOpenOption.WRITE);
                    LOG.info("Generated the key that encrypts webhook secrets at rest: {} (back it up with the data)", file);
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it first: use theirs.
                }
            }
            return SecretBox.decodeKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the secret encryption key " + file
                    + " (set auth.secretEncryptionKey, or make the directory writable): " + e.getMessage(), e);
        }
    }
}
