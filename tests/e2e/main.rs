//! End-to-end tests: the real app binary in a real WebKitGTK window under
//! Xvfb, driven through tauri-driver, each on a fresh SQLite file. One
//! test binary, so the harness can run one app at a time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod checks;
mod desk;
mod editing;
mod first_hour;
mod formats;
mod history;
mod library;
mod reliability;
mod scale;
mod support;
