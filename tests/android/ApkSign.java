// Signs and verifies an APK with apksig, the library AGP signs with (the registry serves
// apksig but no apksigner command line). Run by tests/android/apk.sh in source-file mode:
//   java -cp apksig.jar ApkSign.java sign KEYSTORE PASSWORD ALIAS MIN_SDK IN OUT
//   java -cp apksig.jar ApkSign.java verify MIN_SDK APK
import com.android.apksig.ApkSigner;
import com.android.apksig.ApkVerifier;
import java.io.File;
import java.io.FileInputStream;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

public class ApkSign {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "sign" -> sign(new File(args[1]), args[2].toCharArray(), args[3],
          Integer.parseInt(args[4]), new File(args[5]), new File(args[6]));
      case "verify" -> verify(Integer.parseInt(args[1]), new File(args[2]));
      default -> throw new IllegalArgumentException("sign or verify, not " + args[0]);
    }
  }

  static void sign(File keystore, char[] password, String alias, int minSdk, File in, File out)
      throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var stream = new FileInputStream(keystore)) {
      store.load(stream, password);
    }
    var key = (PrivateKey) store.getKey(alias, password);
    var cert = (X509Certificate) store.getCertificate(alias);
    var signer = new ApkSigner.SignerConfig.Builder("CERT", key, List.of(cert)).build();
    new ApkSigner.Builder(List.of(signer))
        .setInputApk(in)
        .setOutputApk(out)
        .setMinSdkVersion(minSdk)
        // As AGP: JAR signing only for phones older than Android 7.0, which cannot read v2.
        .setV1SigningEnabled(minSdk < 24)
        .setV2SigningEnabled(true)
        .setV3SigningEnabled(true)
        // zipalign's job: stored entries on 4 bytes, native libraries on 16 KB pages (the
        // page size of Android 15+ phones; a multiple of 4 KB, so older ones load them too).
        .setAlignmentPreserved(false)
        .setLibraryPageAlignmentBytes(16384)
        .setDebuggableApkPermitted(true)
        .setCreatedBy("iHaNoi tests/android/apk.sh")
        .build()
        .sign();
  }

  static void verify(int minSdk, File apk) throws Exception {
    var result = new ApkVerifier.Builder(apk).setMinCheckedPlatformVersion(minSdk).build().verify();
    for (var warning : result.getWarnings()) System.out.println("  warning: " + warning);
    for (var error : result.getAllErrors()) System.err.println("  error: " + error);
    if (!result.isVerified()) {
      System.err.println(apk.getName() + ": signature NOT verified");
      System.exit(1);
    }
    var cert = result.getSignerCertificates().get(0);
    var digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    System.out.printf(
        "%s: signature verified (v1 %s, v2 %s, v3 %s) for Android %d+; signer %s, SHA-256 %s%n",
        apk.getName(), result.isVerifiedUsingV1Scheme(), result.isVerifiedUsingV2Scheme(),
        result.isVerifiedUsingV3Scheme(), minSdk, cert.getSubjectX500Principal().getName(),
        HexFormat.of().formatHex(digest));
  }
}
