#![cfg(unix)]
//! What the terminal shell leaves on disk is the user's alone, whatever the
//! umask; and a token file others can read is refused, as ssh refuses such a key.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use support::{command, photo, text};

/// `ihanoi ARGS` under `umask 000`, the most permissive there is.
fn ihanoi_with_open_umask(data: &Path, args: &[&str]) -> Output {
    let inner = command(data);
    let mut outer = Command::new("sh");
    outer
        .arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(inner.get_program())
        .args(inner.get_args())
        .args(args);
    for (key, value) in inner.get_envs() {
        match value {
            Some(value) => outer.env(key, value),
            None => outer.env_remove(key),
        };
    }
    outer.output().expect("run ihanoi")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file and folder under `dir`, with its mode.
fn walk(dir: &Path, found: &mut Vec<(std::path::PathBuf, u32, bool)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let is_dir = path.is_dir();
        found.push((path.clone(), mode(&path), is_dir));
        if is_dir {
            walk(&path, found);
        }
    }
}

#[test]
fn the_store_settings_and_photos_are_private_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let made = ihanoi_with_open_umask(
        &data,
        &[
            "--server",
            "http://127.0.0.1:9",
            "--api-key",
            "k",
            "--json",
            "report",
            "new",
            "--photo",
            photo("iphone4s-gps-small.jpg").to_str().unwrap(),
            "--text",
            "Rác thải đổ bừa bãi đầu ngõ",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert_eq!(mode(&data), 0o700);
    let mut found = Vec::new();
    walk(&data, &mut found);
    let names: Vec<String> = found
        .iter()
        .map(|(p, _, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in ["ihanoi.sqlite3", "cli-settings.json", "reports"] {
        assert!(names.iter().any(|n| n == expected), "{expected}: {names:?}");
    }
    assert!(
        found
            .iter()
            .any(|(p, _, d)| !d && p.extension().is_some_and(|e| e == "jpg")),
        "a photo: {names:?}"
    );
    for (path, mode, is_dir) in &found {
        let wanted = if *is_dir { 0o700 } else { 0o600 };
        assert_eq!(*mode, wanted, "{} is {mode:o}", path.display());
    }
}

#[test]
fn a_token_file_others_can_read_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let tokens = dir.path().join("tokens.json");
    std::fs::write(&tokens, "{}").unwrap();
    for open in [0o644, 0o640, 0o604, 0o660] {
        std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(open)).unwrap();
        for (lang, words) in [("vi", "người khác"), ("en", "other users")] {
            let output = support::ihanoi_in(
                &data,
                &[
                    "--lang",
                    lang,
                    "--insecure-token-file",
                    tokens.to_str().unwrap(),
                    "drafts",
                ],
            );
            support::assert_exit(&output, 2);
            let said = text(&output.stderr);
            assert!(said.contains(words), "{said}");
            assert!(said.contains("chmod 600"), "{said}");
            assert!(said.contains(&format!("{open:04o}")), "{said}");
        }
    }
    std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o600)).unwrap();
    let output = support::ihanoi_in(
        &data,
        &["--insecure-token-file", tokens.to_str().unwrap(), "drafts"],
    );
    support::assert_exit(&output, 0);
}
