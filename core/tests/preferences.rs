//! The app's settings in a real store: defaults on a fresh install, each
//! change durable across reopening, a value from a newer app read as the
//! default instead of stopping the app.

use ihanoi_core::i18n::Language;
use ihanoi_core::photos::SizePreset;
use ihanoi_core::preferences::{LanguageChoice, PreferenceChange, Preferences};

use ihanoi_test_kit::open_core as open;

#[test]
fn each_setting_is_saved_on_its_own_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let fresh = core.preferences().unwrap();
    assert_eq!(fresh, Preferences::default());
    assert!(!fresh.first_run_done && !fresh.photos_only_on_wifi);
    assert_eq!(fresh.language, LanguageChoice::System);
    assert_eq!(fresh.photo_size, SizePreset::Standard);
    assert_eq!(core.display_language("en-GB").unwrap(), Language::En);

    core.set_preference(PreferenceChange::FirstRunDone { done: true })
        .unwrap();
    core.set_preference(PreferenceChange::Language {
        choice: LanguageChoice::Vi,
    })
    .unwrap();
    core.set_preference(PreferenceChange::PhotoSize {
        preset: SizePreset::Small,
    })
    .unwrap();
    let all = core
        .set_preference(PreferenceChange::PhotosOnlyOnWifi { on: true })
        .unwrap();
    let expected = Preferences {
        first_run_done: true,
        language: LanguageChoice::Vi,
        photo_size: SizePreset::Small,
        photos_only_on_wifi: true,
    };
    assert_eq!(all, expected);
    drop(core);

    let core = open(dir.path());
    assert_eq!(core.preferences().unwrap(), expected);
    // The override wins over the phone's language.
    assert_eq!(core.display_language("en-GB").unwrap(), Language::Vi);
    assert_eq!(
        core.preferences().unwrap().compress_options().preset,
        SizePreset::Small
    );
    // Back to following the phone; switching a flag off keeps it off.
    core.set_preference(PreferenceChange::Language {
        choice: LanguageChoice::System,
    })
    .unwrap();
    core.set_preference(PreferenceChange::PhotosOnlyOnWifi { on: false })
        .unwrap();
    let now = core.preferences().unwrap();
    assert_eq!(now.language, LanguageChoice::System);
    assert!(!now.photos_only_on_wifi);
    assert_eq!(core.display_language("en-GB").unwrap(), Language::En);
}

#[test]
fn a_value_this_version_does_not_know_reads_as_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    core.set_preference(PreferenceChange::PhotoSize {
        preset: SizePreset::Large,
    })
    .unwrap();
    drop(core);
    // As a newer app might have left it before a downgrade.
    let conn = rusqlite::Connection::open(dir.path().join(ihanoi_core::store::DATABASE_FILE_NAME))
        .unwrap();
    conn.execute_batch(
        "UPDATE preferences SET value = 'huge' WHERE name = 'photo_size';
         INSERT INTO preferences (name, value) VALUES ('language', 'fr'), ('future_thing', 'x');",
    )
    .unwrap();
    drop(conn);
    let prefs = open(dir.path()).preferences().unwrap();
    assert_eq!(prefs.photo_size, SizePreset::Standard);
    assert_eq!(prefs.language, LanguageChoice::System);
}
