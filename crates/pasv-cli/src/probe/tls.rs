//! FTPS for the probe (RFC 4217): the client side of TLS on the control
//! connection (after `AUTH TLS`, or at once on the implicit port) and on
//! each data connection after `PROT P`, with rustls. Certificates are
//! checked against the system's roots; `--insecure` goes on past a failed
//! check but still says what the check found.
use std::io;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, SignatureScheme, StreamOwned};

use super::control::remaining;

pub type TlsStream = StreamOwned<ClientConnection, TcpStream>;

pub struct Tls {
    config: Arc<ClientConfig>,
    name: ServerName<'static>,
    /// What the certificate check found, when `--insecure` went on past it.
    overridden: Arc<Mutex<Option<String>>>,
}

#[derive(Debug)]
pub enum TlsError {
    /// The certificate did not pass the check.
    Certificate(String),
    TimedOut,
    Closed,
    Other(String),
}

impl TlsError {
    pub fn text(&self) -> String {
        match self {
            TlsError::Certificate(e) | TlsError::Other(e) => e.clone(),
            TlsError::TimedOut => "timed out".into(),
            TlsError::Closed => "connection closed during the handshake".into(),
        }
    }
}

impl Tls {
    /// `Err` when the system has no root certificates at all and the check is on.
    pub fn new(host: &str, insecure: bool) -> Result<Tls, String> {
        // ring, not aws-lc-rs: it builds with cc alone (no cmake). Its
        // deprecation is about post-quantum key exchange, which FTP servers
        // do not offer.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = RootCertStore::empty();
        let native = rustls_native_certs::load_native_certs();
        for cert in native.certs {
            let _ = roots.add(cert);
        }
        if roots.is_empty() && !insecure {
            return Err("no root certificates found on this system".into());
        }
        let builder =
            ClientConfig::builder_with_provider(provider.clone()).with_safe_default_protocol_versions().map_err(|e| e.to_string())?;
        let overridden = Arc::new(Mutex::new(None));
        let config = if insecure {
            let inner = (!roots.is_empty())
                .then(|| WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone()).build().ok())
                .flatten();
            let verifier = Arc::new(Overridable { inner, provider, found: overridden.clone() });
            builder.dangerous().with_custom_certificate_verifier(verifier).with_no_client_auth()
        } else {
            builder.with_root_certificates(roots).with_no_client_auth()
        };
        let name = ServerName::try_from(host.to_string()).map_err(|e| e.to_string())?;
        Ok(Tls { config: Arc::new(config), name, overridden })
    }

    /// A handshake over `socket`, done before `deadline`. The same config
    /// serves every connection, so data connections resume the control
    /// connection's session, as servers that demand it (vsftpd's
    /// `require_ssl_reuse`) expect.
    pub fn handshake(&self, socket: TcpStream, deadline: Instant) -> Result<TlsStream, TlsError> {
        let mut conn = ClientConnection::new(self.config.clone(), self.name.clone()).map_err(|e| TlsError::Other(e.to_string()))?;
        let mut sock = socket;
        while conn.is_handshaking() {
            let left = remaining(deadline).ok_or(TlsError::TimedOut)?;
            sock.set_read_timeout(Some(left)).map_err(|e| TlsError::Other(e.to_string()))?;
            sock.set_write_timeout(Some(left)).map_err(|e| TlsError::Other(e.to_string()))?;
            match conn.complete_io(&mut sock) {
                Ok((0, 0)) if conn.is_handshaking() && !conn.wants_write() => return Err(TlsError::Closed),
                Ok(_) => {}
                Err(e) => return Err(map_error(e)),
            }
        }
        Ok(StreamOwned::new(conn, sock))
    }

    /// What `--insecure` let through, once.
    pub fn take_overridden(&self) -> Option<String> {
        self.overridden.lock().ok().and_then(|mut f| f.take())
    }
}

/// The protocol version and cipher suite of an established connection.
pub fn describe(stream: &TlsStream) -> String {
    let version = stream.conn.protocol_version().map(|v| format!("{v:?}")).unwrap_or_default();
    let suite = stream.conn.negotiated_cipher_suite().map(|s| format!("{:?}", s.suite())).unwrap_or_default();
    format!("{version} / {suite}")
}

fn map_error(e: io::Error) -> TlsError {
    if let Some(err) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return match err {
            rustls::Error::InvalidCertificate(_) => TlsError::Certificate(err.to_string()),
            _ => TlsError::Other(err.to_string()),
        };
    }
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => TlsError::TimedOut,
        io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted | io::ErrorKind::BrokenPipe => {
            TlsError::Closed
        }
        _ => TlsError::Other(e.to_string()),
    }
}

/// `--insecure`: runs the real check, records what it found, and accepts.
#[derive(Debug)]
struct Overridable {
    inner: Option<Arc<WebPkiServerVerifier>>,
    provider: Arc<CryptoProvider>,
    found: Arc<Mutex<Option<String>>>,
}

impl ServerCertVerifier for Overridable {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let found = match &self.inner {
            Some(inner) => inner.verify_server_cert(end_entity, intermediates, server_name, ocsp, now).err().map(|e| e.to_string()),
            None => Some("no root certificates found on this system".into()),
        };
        if let (Some(f), Ok(mut slot)) = (found, self.found.lock()) {
            *slot = Some(f);
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}
