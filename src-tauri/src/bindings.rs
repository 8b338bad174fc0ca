//! The TypeScript mirror of the types that cross IPC, kept in
//! `ui/src/lib/bindings.ts`. The test below fails when that file no longer
//! matches the Rust types; `make bindings` rewrites it.

use std::path::PathBuf;

use briefdesk_core::{
    Brief, BriefContent, BriefDiff, BriefId, BriefPart, BriefSummary, Budgets, BulletChange, Checks,
    ConflictView, ExportFormat, ItemChange, PartRef, ReportSection, SectionChange, Span, SpanKind, Status,
    TextChange, VersionKind, Warning,
};
use briefdesk_store::{
    BriefConflicts, DeskBrief, DeskVersion, ErrorCode, FileImport, LibraryFilter, LibrarySort, SavedDraft,
    SearchHit, SnippetPart, Take, Version, VersionInfo,
};
use ts_rs::{Config, TS};

use crate::IpcError;

fn render() -> String {
    let cfg = Config::default();
    let declarations = [
        Brief::decl(&cfg),
        BriefContent::decl(&cfg),
        BriefId::decl(&cfg),
        BriefSummary::decl(&cfg),
        BriefDiff::decl(&cfg),
        Budgets::decl(&cfg),
        BulletChange::decl(&cfg),
        BriefPart::decl(&cfg),
        Checks::decl(&cfg),
        Warning::decl(&cfg),
        ItemChange::decl(&cfg),
        PartRef::decl(&cfg),
        SectionChange::decl(&cfg),
        Span::decl(&cfg),
        SpanKind::decl(&cfg),
        TextChange::decl(&cfg),
        Version::decl(&cfg),
        VersionInfo::decl(&cfg),
        VersionKind::decl(&cfg),
        ExportFormat::decl(&cfg),
        FileImport::decl(&cfg),
        IpcError::decl(&cfg),
        ErrorCode::decl(&cfg),
        LibraryFilter::decl(&cfg),
        LibrarySort::decl(&cfg),
        SearchHit::decl(&cfg),
        SnippetPart::decl(&cfg),
        ReportSection::decl(&cfg),
        SavedDraft::decl(&cfg),
        Status::decl(&cfg),
        crate::spelling::SpellingLanguages::decl(&cfg),
        crate::desk_sync::DeskStatus::decl(&cfg),
        crate::desk_sync::DeskChanged::decl(&cfg),
        crate::desk_sync::DeskNotice::decl(&cfg),
        crate::desk_login::DeskConnection::decl(&cfg),
        crate::desk_login::PasswordKept::decl(&cfg),
        crate::desk_sync::FollowedBrief::decl(&cfg),
        BriefConflicts::decl(&cfg),
        briefdesk_store::HeldOnDesk::decl(&cfg),
        DeskBrief::decl(&cfg),
        DeskVersion::decl(&cfg),
        ConflictView::decl(&cfg),
        Take::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `make bindings`; do not edit by hand.\n\
         // A test in src-tauri/src/bindings.rs fails when this file is stale.\n",
    );
    for declaration in declarations {
        out.push_str("\nexport ");
        out.push_str(&declaration);
        out.push('\n');
    }
    out
}

fn bindings_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts")
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let expected = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(bindings_path(), &expected).unwrap();
    }
    let actual = std::fs::read_to_string(bindings_path()).unwrap_or_default();
    assert!(
        actual == expected,
        "ui/src/lib/bindings.ts is stale; run `make bindings`.\nExpected:\n{expected}"
    );
}

#[test]
fn the_pages_size_limits_are_the_stores() {
    let limits = briefdesk_core::Limits::DEFAULT;
    let page =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/limits.ts"))
            .unwrap();
    for (name, value) in [
        ("lineChars", limits.line_chars),
        ("bullets", limits.bullets),
        ("reportSections", limits.report_sections),
        ("tags", limits.tags),
        ("tagChars", limits.tag_chars),
        ("totalBytes", limits.total_bytes),
    ] {
        assert!(page.contains(&format!("  {name}: {value},")), "limits.ts must say {name}: {value}");
    }
}
