package io.plausiblewebhooks.adapter.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts webhook secrets at rest with AES-256-GCM. A stored value reads
 * {@code enc:v1:<key id>:<base64(nonce || ciphertext || tag)>} with a fresh random 96-bit nonce per
 * value. The key id (a fingerprint of the key) says which key sealed it, so old keys can be kept for
 * reading while everything is re-sealed under the current one. The context (row id and column) is
 * bound as associated data, so a sealed value copied to another row or column does not open.
 */
public final class SecretBox {
    static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /**
     * @param currentKey 32 bytes; seals new values
     * @param previousKeys 32 bytes each; only open values sealed before a rotation
     */
    public SecretBox(byte[] currentKey, List<byte[]> previousKeys) {
        this.currentKeyId = keyId(currentKey);
        keys.put(currentKeyId, aesKey(currentKey));
        for (byte[] previous : previousKeys) {
            keys.putIfAbsent(keyId(previous), aesKey(previous));
        }
    }

    /**
     * One box per process with a random key: for tests of other things, so that every repository
     * and queue built without a configured key in one JVM can read what the others wrote.
     */
    public static SecretBox ephemeral() {
        return Ephemeral.BOX;
    }

    private static final class Ephemeral {
        static final SecretBox BOX = new SecretBox(newKey(), List.of());
    }

    /** 32 random bytes: a new AES-256 key. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Decodes a base64 key as written in configuration, naming the setting in the error. */
    public static byte[] decodeKey(String base64, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " must be base64 (32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(setting + " must decode to 32 bytes, not " + key.length);
        }
        return key;
    }

    /** The id stored with each value: the first 8 hex digits of SHA-256 over the key. */
    public static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(aesKey(key).getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + currentKeyId + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    /**
     * Opens a stored value. A value without the prefix was written before encryption at rest existed
     * and is returned as is; {@link #needsResealing} reports it so that it gets sealed.
     */
    public String open(String stored, String context) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new IllegalStateException("a stored secret is malformed");
        }
        SecretKeySpec key = keys.get(rest.substring(0, colon));
        if (key == null) {
            // Never print the value; the key id is not secret.
            throw new IllegalStateException("a stored secret was encrypted with key id " + rest.substring(0, colon)
                    + ", which is neither auth.secretEncryptionKey nor one of auth.previousSecretEncryptionKeys");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret does not decrypt (wrong key or altered value)");
        }
    }

    /** True for plaintext values and values sealed with a key other than the current one. */
    public boolean needsResealing(String stored) {
        return stored != null && !stored.startsWith(PREFIX + currentKeyId + ":");
    }

    private static SecretKeySpec aesKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an encryption key must be 32 bytes");
        }
        return new SecretKeySpec(key, "AES");
    }

    @Override
    public String toString() {
        return "SecretBox[currentKeyId=" + currentKeyId + ", keys=" + keys.size() + "]";
    }
}
