//! GeoReport v2's personal fields, for a server without the sign-in
//! extension: the resident enters them once (each optional); the core keeps
//! them and sends them with each report to such a server. Never logged: the
//! `Debug` form says only which are set.

use crate::error::{Error, Result};
use crate::text;

/// The standard's own limit is not stated; servers commonly cap short texts here.
pub const MAX_CONTACT_CHARS: usize = 200;

#[derive(Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ResidentContact {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub device_id: Option<String>,
}

impl std::fmt::Debug for ResidentContact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set: Vec<&str> = self
            .fields()
            .into_iter()
            .filter(|(_, v)| v.is_some())
            .map(|(k, _)| k)
            .collect();
        write!(f, "ResidentContact {{ set: {set:?} }}")
    }
}

impl ResidentContact {
    fn fields(&self) -> [(&'static str, &Option<String>); 5] {
        [
            ("email", &self.email),
            ("first_name", &self.first_name),
            ("last_name", &self.last_name),
            ("phone", &self.phone),
            ("device_id", &self.device_id),
        ]
    }

    /// NFC, trimmed, blank = absent, each within [`MAX_CONTACT_CHARS`].
    pub fn normalized(&self) -> Result<ResidentContact> {
        let clean = |field: &'static str, value: &Option<String>| -> Result<Option<String>> {
            let Some(value) = value else {
                return Ok(None);
            };
            let value = text::normalize(value);
            if text::char_len(&value) > MAX_CONTACT_CHARS {
                return Err(Error::TooLong {
                    field,
                    max: MAX_CONTACT_CHARS,
                });
            }
            Ok(Some(value).filter(|v| !v.is_empty()))
        };
        Ok(ResidentContact {
            email: clean("email", &self.email)?,
            first_name: clean("first_name", &self.first_name)?,
            last_name: clean("last_name", &self.last_name)?,
            phone: clean("phone", &self.phone)?,
            device_id: clean("device_id", &self.device_id)?,
        })
    }

    /// The form fields to send: only those set.
    pub fn form_fields(&self) -> Vec<(String, String)> {
        self.fields()
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_owned(), v.clone())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_value_and_blank_is_absent() {
        let contact = ResidentContact {
            email: Some(" lan@example.vn ".into()),
            phone: Some("  ".into()),
            ..Default::default()
        }
        .normalized()
        .unwrap();
        assert_eq!(contact.phone, None);
        assert_eq!(
            contact.form_fields(),
            vec![("email".to_owned(), "lan@example.vn".to_owned())]
        );
        let shown = format!("{contact:?}");
        assert!(
            !shown.contains("lan@") && shown.contains("email"),
            "{shown}"
        );
    }
}
