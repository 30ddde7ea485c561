//! The phone side: a core on a data directory, its settings for a city, and
//! an HTTP client that trusts what the core trusts.

use std::path::Path;
use std::sync::Arc;

use ihanoi_core::net::CityConfig;
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::{Core, CoreConfig};

use crate::keys::API_KEY;

/// A core on `dir` with an in-memory secure store.
pub fn open_core(dir: &Path) -> Core {
    Core::open(
        CoreConfig {
            data_dir: dir.to_owned(),
        },
        Arc::new(InMemorySecretStore::new()),
    )
    .expect("the core opens")
}

/// A core on `dir` that may attach the shared test photos in place (the
/// phones copy a picked photo into the core's input folder first; the tests
/// name the shared files directly).
pub fn open_core_with_photos(dir: &Path) -> Core {
    let core = open_core(dir);
    core.set_photo_input_dirs(&[crate::shared_dir().join("photos")])
        .expect("the shared photos' folder is accepted as an input folder");
    core
}

/// The app's settings for the city at `url` (the server, a proxy or a fake).
pub fn city_config(url: &str) -> CityConfig {
    CityConfig {
        base_url: url.to_owned(),
        api_key: API_KEY.to_owned(),
        extra_roots_pem: None,
    }
}

/// A client for the tests' own calls to the city, trusting what the core trusts.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .tls_backend_preconfigured(ihanoi_core::net::transport::tls::client_config(None).unwrap())
        .build()
        .unwrap()
}
