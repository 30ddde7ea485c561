//! What the shells call to read the categories.

use crate::app::Core;
use crate::categories::Category;
use crate::error::Result;

impl Core {
    /// The categories to offer, in the city's order: the list the last pull
    /// stored, or before any pull the snapshot the core ships — never empty,
    /// even offline on a fresh install ([`crate::categories`]).
    pub fn categories(&self) -> Result<Vec<Category>> {
        self.store.read(crate::categories::current)
    }

    /// The categories matching what the resident typed, best first, with or
    /// without diacritics ([`crate::categories::search::search`]); every
    /// category in the city's order for an empty query.
    pub fn search_categories(&self, query: &str) -> Result<Vec<Category>> {
        Ok(crate::categories::search::search(
            &self.categories()?,
            query,
        ))
    }
}
