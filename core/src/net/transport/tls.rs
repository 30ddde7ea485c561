//! TLS for the city API: rustls with the *ring* provider and Mozilla's root
//! certificates compiled in (webpki-roots). See docs/sync.md for why: it behaves
//! the same on Android, iOS and desktop and needs no JNI or platform set-up; a
//! deployment whose certificate chains to a root outside Mozilla's programme
//! (some Vietnamese government CAs) adds that root through the configuration.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::net::transport::TransportError;

/// A rustls configuration trusting Mozilla's roots plus `extra_roots_pem`
/// (PEM text, any number of certificates).
pub fn client_config(
    extra_roots_pem: Option<&str>,
) -> Result<rustls::ClientConfig, TransportError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(pem) = extra_roots_pem {
        let mut added = 0;
        for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
            let cert = cert.map_err(|e| config_error(format!("extra root certificate: {e}")))?;
            roots
                .add(cert)
                .map_err(|e| config_error(format!("extra root certificate: {e}")))?;
            added += 1;
        }
        if added == 0 {
            return Err(config_error("no certificate in the extra roots".into()));
        }
    }
    // An explicit provider, not a process-wide default: the app never depends
    // on which other library installed one first.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| config_error(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    // reqwest is built for HTTP/1.1 only (one request per report, no need for
    // HTTP/2 multiplexing); say so in ALPN.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

fn config_error(reason: String) -> TransportError {
    TransportError::TlsConfig { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mozilla_roots_are_built_in_and_bad_extra_roots_are_refused() {
        assert!(client_config(None).is_ok());
        assert!(webpki_roots::TLS_SERVER_ROOTS.len() > 100);
        assert!(matches!(
            client_config(Some("not a certificate")),
            Err(TransportError::TlsConfig { .. })
        ));
        let garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(matches!(
            client_config(Some(garbage)),
            Err(TransportError::TlsConfig { .. })
        ));
    }
}
