//! The city's service forms (definitions pulled with the categories) and a
//! draft's answers; the server's profile and the resident's contact fields
//! for a server without sign-in.

use ihanoi_core::forms::{AttributeValue, ServiceAttribute};
use ihanoi_core::i18n::Bilingual;
use ihanoi_core::server_profile::{ResidentContact, ServerProfile};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;

type Result<T> = std::result::Result<T, IhanoiError>;

#[uniffi::export]
impl IhanoiCore {
    /// The questions of `category_code`'s form, in the city's order (none
    /// before a pull brought its definition). `variable == false`:
    /// information to show, not a field.
    pub fn service_attributes(&self, category_code: String) -> Result<Vec<ServiceAttribute>> {
        Ok(self.core.service_attributes(&category_code)?)
    }

    /// The answers a report keeps, by code.
    pub fn draft_attributes(&self, report_id: String) -> Result<Vec<AttributeValue>> {
        Ok(self.core.draft_attributes(&report_id)?)
    }

    /// Autosave one answer (several values for a multi-valued list; none
    /// clears it); durable when it returns. Returns every answer. Whether it
    /// fits the form is a readiness problem (`problems`), not an error.
    pub fn set_draft_attribute(
        &self,
        report_id: String,
        code: String,
        values: Vec<String>,
    ) -> Result<Vec<AttributeValue>> {
        Ok(self.core.set_draft_attribute(&report_id, &code, values)?)
    }

    /// What the configured server is known to offer.
    pub fn server_profile(&self) -> Result<ServerProfile> {
        Ok(self.core.server_profile()?)
    }

    /// The standard's personal fields sent to a server without sign-in.
    pub fn resident_contact(&self) -> Result<ResidentContact> {
        Ok(self.core.resident_contact()?)
    }

    /// Set them (each optional; blank clears one).
    pub fn set_resident_contact(&self, contact: ResidentContact) -> Result<()> {
        Ok(self.core.set_resident_contact(contact)?)
    }
}

/// A text the city wrote as "Vietnamese — English" (a form's labels, help
/// and choices, as stock servers publish them) in each language; the whole
/// text in both when it has no separator. The shells show what this returns
/// rather than splitting the city's words themselves.
#[uniffi::export]
pub fn city_text(text: String) -> Bilingual {
    Bilingual::from_joined(&text).unwrap_or_default()
}

#[uniffi::export(async_runtime = "tokio")]
impl IhanoiCore {
    /// Ask the server what it offers (sync does this by itself).
    pub async fn refresh_server_profile(&self) -> Result<ServerProfile> {
        Ok(self.core.refresh_server_profile().await?)
    }
}
