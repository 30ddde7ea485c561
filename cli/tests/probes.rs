//! The capability probes as processes: no server, no account.

mod support;

use support::{assert_exit, ihanoi_in, json_of, photo, shared_dir, text, wards};

#[test]
fn photo_compress_prints_the_record_with_what_was_read_from_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let input = photo("iphone4s-gps-small.jpg");
    let run = ihanoi_in(
        dir.path(),
        &[
            "--json",
            "photo",
            "compress",
            input.to_str().unwrap(),
            "--preset",
            "1024",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_exit(&run, 0);
    let record = json_of(&run.stdout);
    let path = record["path"].as_str().unwrap();
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(record["bytes"].as_u64().unwrap(), bytes.len() as u64);
    assert!(std::path::Path::new(record["thumbnail_path"].as_str().unwrap()).is_file());
    assert!(path.ends_with(&format!("{}.jpg", record["sha256"].as_str().unwrap())));
    assert!(record["width"].as_u64().unwrap() <= 1024);
    // Read from the input's EXIF, then dropped from the output.
    assert!(record["captured_at_ms"].is_i64(), "{record}");
    assert!(record["gps"]["lat"].is_f64(), "{record}");
    assert!(!bytes.windows(4).any(|w| w == b"Exif"));
    assert_eq!(record["flags"]["older_than_7_days"], true);

    // The same in words, in Vietnamese by default.
    let human = ihanoi_in(
        dir.path(),
        &[
            "photo",
            "compress",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_exit(&human, 0);
    let said = text(&human.stdout);
    assert!(said.contains("GPS (EXIF): "), "{said}");
    assert!(said.contains("ảnh chụp cách đây hơn 7 ngày"), "{said}");
}

#[test]
fn a_broken_or_missing_photo_is_a_typed_error_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(photo("nokia-lumia-gps.jpg")).unwrap();
    let broken = dir.path().join("broken.jpg");
    std::fs::write(&broken, &whole[..whole.len() / 3]).unwrap();
    let not_an_image = dir.path().join("notes.jpg");
    std::fs::write(&not_an_image, "chỉ là văn bản").unwrap();
    let out = dir.path().join("out");
    for (file, kind) in [
        (broken.clone(), "photo_corrupt"),
        (not_an_image, "photo_unsupported"),
        (dir.path().join("missing.jpg"), "photo_not_found"),
    ] {
        let run = ihanoi_in(
            dir.path(),
            &[
                "--json",
                "photo",
                "compress",
                file.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_exit(&run, 2);
        assert!(run.stdout.is_empty());
        assert_eq!(json_of(&run.stderr)["error"]["kind"], kind, "{file:?}");
    }
    let human = ihanoi_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "photo",
            "compress",
            broken.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_exit(&human, 2);
    assert!(
        text(&human.stderr).contains("Choose another JPEG, PNG or WebP photo."),
        "{}",
        text(&human.stderr)
    );
}

#[test]
fn areas_lookup_finds_the_ward_and_says_when_a_point_is_in_no_ward() {
    let dir = tempfile::tempdir().unwrap();
    let areas = wards();
    let areas = areas.to_str().unwrap();
    // Hoàn Kiếm Lake.
    let lake = ihanoi_in(
        dir.path(),
        &[
            "--json", "areas", "lookup", "21.0287", "105.8524", "--areas", areas,
        ],
    );
    assert_exit(&lake, 0);
    let found = json_of(&lake.stdout);
    assert_eq!(found["unit"]["code"], "00070");
    assert_eq!(found["unit"]["name"], "Phường Hoàn Kiếm");
    assert_eq!(found["ambiguous"], false);

    // A wide accuracy circle reaches the neighbours: ambiguous, with candidates.
    let wide = json_of(
        &ihanoi_in(
            dir.path(),
            &[
                "--json",
                "areas",
                "lookup",
                "21.0287",
                "105.8524",
                "--accuracy",
                "800",
                "--areas",
                areas,
            ],
        )
        .stdout,
    );
    assert_eq!(wide["ambiguous"], true);
    assert!(wide["candidates"].as_array().unwrap().len() > 1);
    assert_eq!(wide["candidates"][0]["contains"], true);

    // The Gulf of Tonkin: no unit, exit 4, still a JSON answer.
    let sea = ihanoi_in(
        dir.path(),
        &[
            "--json", "areas", "lookup", "20.5", "107.2", "--areas", areas,
        ],
    );
    assert_exit(&sea, 4);
    assert_eq!(json_of(&sea.stdout)["unit"], serde_json::Value::Null);

    // Not a position: a usage error.
    let bad = ihanoi_in(
        dir.path(),
        &["areas", "lookup", "200", "105", "--areas", areas],
    );
    assert_exit(&bad, 2);

    // Without --areas: the shared boundaries beside the repository.
    let default = ihanoi_in(dir.path(), &["areas", "lookup", "21.0287", "105.8524"]);
    assert_exit(&default, 0);
    assert!(text(&default.stdout).starts_with("00070 Phường Hoàn Kiếm"));
}

#[test]
fn areas_search_finds_current_and_former_names() {
    let dir = tempfile::tempdir().unwrap();
    let areas = wards();
    let areas = areas.to_str().unwrap();
    let current = json_of(
        &ihanoi_in(
            dir.path(),
            &["--json", "areas", "search", "hoan kiem", "--areas", areas],
        )
        .stdout,
    );
    assert_eq!(current["units"][0]["code"], "00070");
    // Hàng Bạc ward was merged into Hoàn Kiếm on 1 July 2025.
    let former = json_of(
        &ihanoi_in(
            dir.path(),
            &["--json", "areas", "search", "Hàng Bạc", "--areas", areas],
        )
        .stdout,
    );
    assert_eq!(former["units"][0]["code"], "00070");
    assert_eq!(former["units"][0]["former_name"], "Phường Hàng Bạc");
    let none = ihanoi_in(
        dir.path(),
        &["areas", "search", "Xyzzyqq", "--areas", areas],
    );
    assert_exit(&none, 4);
    assert!(shared_dir().join("geo/hanoi_old_to_new.csv").is_file());
}
