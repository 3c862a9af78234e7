//! The server binary as an operator meets it: clear one-line failures, working commands.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use std::process::Command;

fn server(env: &[(&str, &str)], args: &[&str]) -> (bool, String, String) {
    let dir = std::env::temp_dir().join(format!("pop-cli-{}-{}", std::process::id(), args.join("-")));
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .current_dir(&dir)
        .env("RUST_LOG", "error")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_malformed_database_url_stops_with_one_clear_line() {
    let (ok, _, err) = server(&[("DATABASE_URL", "mysql://localhost/pop")], &["migrate"]);
    assert!(!ok);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("DATABASE_URL must start with sqlite:// or postgres://"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn an_unreachable_database_stops_with_one_clear_line() {
    let env = [("DATABASE_URL", "postgres://pop:secret@127.0.0.1:1/pop"), ("LEPTOS_SITE_ADDR", "127.0.0.1:0")];
    let (ok, _, err) = server(&env, &["serve"]);
    assert!(!ok);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.starts_with("server: cannot connect to the database"), "{err}");
    assert!(!err.contains("secret"), "{err}");
}

#[test]
fn bad_configuration_and_unknown_commands_are_named() {
    let (ok, _, err) = server(&[("POP_BODY_LIMIT", "huge")], &["migrate"]);
    assert!(!ok);
    assert!(err.contains("POP_BODY_LIMIT is invalid"), "{err}");
    let (ok, _, err) = server(&[], &["dance"]);
    assert!(!ok);
    assert!(err.contains("unknown command"), "{err}");
    let (ok, _, err) = server(&[], &["generate", "many"]);
    assert!(!ok && err.contains("unknown command"), "{err}");
    let (ok, help, _) = server(&[], &["help"]);
    assert!(ok && help.contains("DATABASE_URL"));
}

#[test]
fn seed_migrates_and_fills_a_new_sqlite_database() {
    let dir = std::env::temp_dir().join(format!("pop-cli-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/data/pop.db", dir.display());
    let media = dir.join("media").display().to_string();
    let (ok, out, err) = server(&[("DATABASE_URL", &url), ("POP_MEDIA_DIR", &media)], &["seed"]);
    assert!(ok, "{err}");
    assert!(out.contains("26 demo concepts added"), "{out}");
    let (ok, out, _) = server(&[("DATABASE_URL", &url), ("POP_MEDIA_DIR", &media)], &["seed"]);
    assert!(ok && out.contains("0 demo concepts added"), "{out}");
    let stored = std::fs::read_dir(&media).unwrap().count();
    assert!(stored > 10, "media files written: {stored}");
    let (ok, out, err) = server(&[("DATABASE_URL", &url), ("POP_MEDIA_DIR", &media)], &["generate", "40"]);
    assert!(ok && out.contains("40 generated concepts added"), "{out} {err}");
    let (ok, out, err) = server(&[("DATABASE_URL", &url), ("POP_MEDIA_DIR", &media)], &["sweep-media"]);
    assert!(ok && out.contains("0 unreferenced file(s) and 0 abandoned upload(s) removed"), "{out} {err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn backup_copies_a_serving_sqlite_database_and_doctor_says_what_is_wrong() {
    let dir = std::env::temp_dir().join(format!("pop-cli-ops-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/pop.db", dir.display());
    let media = dir.join("media").display().to_string();
    let mail = dir.join("mail").display().to_string();
    let env = [("DATABASE_URL", url.as_str()), ("POP_MEDIA_DIR", media.as_str()), ("POP_MAIL_DIR", mail.as_str())];
    let (ok, _, err) = server(&env, &["seed"]);
    assert!(ok, "{err}");

    let copy = dir.join("copy.db").display().to_string();
    let (ok, out, err) = server(&env, &["backup", &copy]);
    assert!(ok && out.contains("backed up"), "{out} {err}");
    let copied = [("DATABASE_URL", format!("sqlite://{copy}")), ("POP_MEDIA_DIR", media.clone())];
    let copied: Vec<(&str, &str)> = copied.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (ok, out, _) = server(&copied, &["seed"]);
    assert!(ok && out.contains("0 demo concepts added"), "the copy holds the demo concepts: {out}");
    let (ok, _, err) = server(&env, &["backup", &copy]);
    assert!(!ok && err.contains("exists already"), "{err}");

    let (ok, out, err) = server(&env, &["doctor"]);
    assert!(ok, "{out} {err}");
    for check in ["ok    database", "ok    migrations", "ok    media store", "ok    e-mail"] {
        assert!(out.contains(check), "{check} in {out}");
    }
    let mut broken = env.to_vec();
    broken.push(("POP_SMTP_URL", "smtp://127.0.0.1:9"));
    let (ok, out, err) = server(&broken, &["doctor"]);
    assert!(!ok && out.contains("FAIL  e-mail") && err.contains("1 check(s) failed"), "{out} {err}");
    let fresh = format!("sqlite://{}/fresh.db", dir.display());
    let unmigrated =
        [("DATABASE_URL", fresh.as_str()), ("POP_MEDIA_DIR", media.as_str()), ("POP_MAIL_DIR", mail.as_str())];
    let (ok, out, _) = server(&unmigrated, &["doctor"]);
    assert!(!ok && out.contains("FAIL  migrations") && out.contains("server migrate"), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn doctor_checks_object_storage_and_seed_fills_it() {
    let Some(s3) = common::s3_settings() else { return };
    let dir = std::env::temp_dir().join(format!("pop-cli-s3-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/pop.db", dir.display());
    let mail = dir.join("mail").display().to_string();
    let folder = dir.join("media");
    let media = folder.display().to_string();
    let mut env =
        vec![("DATABASE_URL", url.as_str()), ("POP_MAIL_DIR", mail.as_str()), ("POP_MEDIA_DIR", media.as_str())];
    env.extend(s3.iter().map(|(k, v)| (*k, v.as_str())));
    let (ok, out, err) = server(&env, &["seed"]);
    assert!(ok && out.contains("26 demo concepts added"), "{out} {err}");
    assert!(!folder.exists(), "media went to object storage, not to the folder");
    let (ok, out, err) = server(&env, &["doctor"]);
    assert!(ok && out.contains("ok    media store: bucket"), "{out} {err}");
    let mut missing = env.clone();
    missing.retain(|(k, _)| *k != "POP_S3_BUCKET");
    missing.push(("POP_S3_BUCKET", "no-such-bucket"));
    let (ok, out, _) = server(&missing, &["doctor"]);
    assert!(!ok && out.contains("FAIL  media store: bucket no-such-bucket"), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}
