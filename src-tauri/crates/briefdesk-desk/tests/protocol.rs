//! The protocol against a real PostgreSQL server (a throwaway cluster this
//! binary starts): people on their own laptops (SQLite files) and logins,
//! offline and online, as a desk works.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use briefdesk_core::{BriefPart, ReportSection, Status};
use briefdesk_desk::{sync_once, DeskErrorCode, DeskSession, Role, ServerUrl};
use briefdesk_store::Refused;
use support::{brief, TestDesk, DESK};

async fn server_count(desk: &TestDesk, sql: &str) -> i64 {
    desk.admin.query_one(sql, &[]).await.unwrap().get(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reporters_brief_reaches_the_editor_and_the_editors_edit_comes_back() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let ed = desk.person("ed", Role::Editor).await;
    let id = ana.write(brief("Talks resume", "Negotiators met in Geneva.")).await;
    let pushed = ana.sync().await;
    assert_eq!(pushed.pushed, 1);
    assert_eq!(pushed.waiting, 0);

    let pulled = ed.sync().await;
    assert_eq!(pulled.arrived, vec![id], "the editor's library gains the reporter's brief");
    assert_eq!(ed.content(id).await.headline, "Talks resume");
    let status = ed.local.run(|s| s.desk_status()).await.unwrap();
    assert_eq!(status[0].author.as_deref(), Some(ana.url.login()), "the author is the reporter's login");

    ed.edit(id, |c| c.summary = "Negotiators met in Geneva on Monday.".into()).await;
    ed.sync().await;
    let back = ana.sync().await;
    assert_eq!(back.followed, vec![id]);
    assert_eq!(ana.content(id).await.summary, "Negotiators met in Geneva on Monday.");
    assert_eq!(server_count(&desk, "SELECT count(*) FROM briefdesk.revision").await, 2);
    assert_eq!(
        server_count(&desk, "SELECT max(version)::bigint FROM briefdesk.revision").await,
        2,
        "the server numbers versions"
    );
    // History says who wrote each version, by the server's numbers, on both laptops.
    for person in [&ana, &ed] {
        let versions = person.local.run(move |s| s.desk_versions(id)).await.unwrap();
        let seen: Vec<(Option<i32>, &str)> =
            versions.iter().map(|v| (v.version, v.author.as_str())).collect();
        assert_eq!(seen, [(Some(1), ana.url.login()), (Some(2), ed.url.login())]);
    }
    let arrived = ed.local.run(move |s| s.history(id)).await.unwrap();
    assert_eq!(arrived[0].label.as_deref(), Some(format!("From the desk, by {}", ana.url.login()).as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_edits_to_different_parts_merge_by_themselves() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let ed = desk.person("ed", Role::Editor).await;
    let id = ana.write(brief("Talks resume", "Negotiators met in Geneva.")).await;
    ana.sync().await;
    ed.sync().await;

    // Both offline: each edits a different part.
    ana.edit(id, |c| c.key_developments.push("A third round is planned.".into())).await;
    ed.edit(id, |c| c.headline = "Talks resume in Geneva".into()).await;
    ed.sync().await;
    let merged = ana.sync().await;
    assert!(merged.conflicted.is_empty(), "{merged:?}");
    assert_eq!(merged.merged.len(), 1, "{merged:?}");
    assert!(merged.merged[0].parts.contains(&BriefPart::Headline), "{merged:?}");
    assert_eq!(merged.merged[0].by, ed.url.login(), "{merged:?}");
    let content = ana.content(id).await;
    assert_eq!(content.headline, "Talks resume in Geneva");
    assert_eq!(content.key_developments.len(), 3);

    ed.sync().await;
    assert_eq!(ed.content(id).await, content, "after a sync both laptops hold the merge");
    assert_eq!(server_count(&desk, "SELECT sum(open_conflicts)::bigint FROM briefdesk.brief").await, 0);
    assert_eq!(
        server_count(&desk, "SELECT count(*) FROM briefdesk.revision WHERE kind = 'merge'").await,
        1,
        "the merge is pushed as a merge revision"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_part_changed_on_both_sides_is_a_visible_conflict_until_resolved() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let ed = desk.person("ed", Role::Editor).await;
    let id = ana.write(brief("Talks resume", "Negotiators met in Geneva.")).await;
    ana.sync().await;
    ed.sync().await;

    // The same words changed two ways.
    ana.edit(id, |c| c.summary = "Negotiators met in Vienna.".into()).await;
    ed.edit(id, |c| c.summary = "Negotiators met in Bern.".into()).await;
    ed.sync().await;
    let report = ana.sync().await;
    assert_eq!(report.conflicted, vec![id]);

    // Both texts are kept: here, and on the server.
    let status = ana.local.run(|s| s.desk_status()).await.unwrap();
    let conflict = &status[0].conflicts[0];
    assert_eq!(conflict.part, BriefPart::Summary);
    assert_eq!(conflict.ours, "Negotiators met in Vienna.");
    assert_eq!(conflict.theirs, "Negotiators met in Bern.");
    assert_eq!(ana.content(id).await.summary, "Negotiators met in Vienna.", "the local words stay on screen");
    let log = ed.session().await.log(id).await.unwrap();
    let texts: Vec<_> = log.iter().filter_map(|r| r.body.as_ref().map(|b| b.summary.clone())).collect();
    assert!(texts.contains(&"Negotiators met in Vienna.".to_string()), "{texts:?}");
    assert!(texts.contains(&"Negotiators met in Bern.".to_string()));
    assert_eq!(server_count(&desk, "SELECT open_conflicts::bigint FROM briefdesk.brief").await, 1);
    // The editor, whose save went in first, sees the conflict open on the desk.
    ed.sync().await;
    let marks = ed.local.run(|s| s.desk_briefs()).await.unwrap();
    assert_eq!((marks[0].conflicts, marks[0].open_on_desk), (0, 1), "{marks:?}");
    assert_eq!(marks[0].on_desk_by.as_deref(), Some(ana.url.login()), "who chooses");
    // And reads both texts: its own on the desk, ana's kept beside it.
    let held =
        ed.local.run(move |s| s.conflict_on_desk(id)).await.unwrap().expect("the conflict on the desk");
    assert_eq!(held.theirs_author.as_deref(), Some(ana.url.login()));
    let on_desk = held.on_desk.as_ref().expect("held by the other side");
    assert!(on_desk.head_is_yours && on_desk.head_author == ed.url.login(), "{on_desk:?}");
    assert_eq!(held.parts.len(), 1);
    assert_eq!(held.parts[0].part, BriefPart::Summary);
    // Each side as it reads now: the words both kept and the side's own.
    let words = |c: &briefdesk_core::TextChange| {
        c.spans
            .iter()
            .filter(|s| s.kind != briefdesk_core::SpanKind::Removed)
            .map(|s| s.text.as_str())
            .collect::<String>()
    };
    assert_eq!(words(&held.parts[0].ours), "Negotiators met in Bern.");
    assert_eq!(words(&held.parts[0].theirs), "Negotiators met in Vienna.");
    assert!(
        ana.local.run(move |s| s.conflict_on_desk(id)).await.unwrap().is_none(),
        "ana chooses: hers is the local one"
    );

    // Resolved part by part: the conflict closes, here and on the server.
    ana.local
        .run(move |s| s.resolve(id, Some(BriefPart::Summary), briefdesk_store::Take::Theirs))
        .await
        .unwrap();
    let done = ana.sync().await;
    assert!(done.conflicted.is_empty());
    assert_eq!(done.waiting, 0);
    assert_eq!(server_count(&desk, "SELECT open_conflicts::bigint FROM briefdesk.brief").await, 0);
    ed.sync().await;
    assert_eq!(ed.content(id).await.summary, "Negotiators met in Bern.");
    let marks = ed.local.run(|s| s.desk_briefs()).await.unwrap();
    assert_eq!(marks[0].open_on_desk, 0, "closed on the desk: {marks:?}");
    assert!(ed.local.run(move |s| s.conflict_on_desk(id)).await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_whose_answer_is_lost_is_retried_without_a_duplicate() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let id = ana.write(brief("Talks resume", "Negotiators met.")).await;
    // The push reaches the server, but the laptop never hears back.
    let session = ana.session().await;
    let outbox = ana.local.run(|s| s.outbox()).await.unwrap();
    let seq = outbox[0].seq;
    ana.local.run(move |s| s.mark_attempted(seq)).await.unwrap();
    session.push(&outbox[0]).await.unwrap();
    drop(session);
    // Saves made meanwhile do not change the body already sent.
    ana.edit(id, |c| c.summary = "Negotiators met again.".into()).await;
    let report = ana.sync().await;
    assert_eq!(report.waiting, 0);
    assert_eq!(
        server_count(&desk, "SELECT count(*) FROM briefdesk.revision").await,
        2,
        "one revision per save, none twice"
    );
    assert_eq!(server_count(&desk, "SELECT count(DISTINCT id) FROM briefdesk.revision").await, 2);
    assert_eq!(server_count(&desk, "SELECT open_conflicts::bigint FROM briefdesk.brief").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_killed_mid_sync_loses_nothing_and_the_next_sync_finishes() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let id = ana.write(brief("Talks resume", "Negotiators met.")).await;
    let session = ana.session().await;
    let pid = session.backend_pid().await.unwrap();
    desk.admin.execute("SELECT pg_terminate_backend($1)", &[&pid]).await.unwrap();
    let error = sync_once(&ana.local, &session).await.unwrap_err();
    assert!(error.is_transient(), "{error}");
    assert_eq!(error.code(), DeskErrorCode::Lost);
    assert_eq!(ana.local.run(|s| s.outbox()).await.unwrap().len(), 1, "the save waits in the outbox");
    ana.edit(id, |c| c.context = "Earlier rounds failed.".into()).await;
    let report = ana.sync().await;
    assert_eq!(report.waiting, 0);
    let heads = server_count(&desk, "SELECT count(*) FROM briefdesk.revision WHERE kind <> 'conflict'").await;
    assert!(heads >= 1);
    assert_eq!(server_count(&desk, "SELECT open_conflicts::bigint FROM briefdesk.brief").await, 0);
    let ed = desk.person("ed", Role::Editor).await;
    ed.sync().await;
    assert_eq!(ed.content(id).await.context, "Earlier rounds failed.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_pulled_but_not_applied_is_pulled_again() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let ed = desk.person("ed", Role::Editor).await;
    let id = ana.write(brief("Talks resume", "Negotiators met.")).await;
    ana.sync().await;
    // The editor's laptop pulls, then crashes before the batch is applied.
    let session = ed.session().await;
    let batch = session.pull(0, 500).await.unwrap();
    assert_eq!(batch.len(), 1);
    drop(batch);
    assert_eq!(ed.local.run(|s| Ok(s.desk_link()?.unwrap().cursor)).await.unwrap(), 0);
    let report = ed.sync().await;
    assert_eq!(report.arrived, vec![id]);
    assert_eq!(ed.local.run(|s| Ok(s.desk_link()?.unwrap().cursor)).await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn desks_are_isolated_and_people_cannot_write_tables() {
    let desk = TestDesk::new().await;
    briefdesk_desk::create_desk(&desk.admin, "sport").await.unwrap();
    let ana = desk.person("ana", Role::Reporter).await;
    let sam = desk.person_on("sport", "sam", Role::Reporter).await;
    ana.write(brief("Talks resume", "Negotiators met.")).await;
    ana.sync().await;
    let report = sam.sync().await;
    assert!(report.arrived.is_empty(), "a member of another desk sees nothing");

    // Directly, as the login: row-level security hides the other desk,
    // and no table can be written.
    let client = briefdesk_desk::connect(&sam.url).await.unwrap();
    let seen: i64 = client.query_one("SELECT count(*) FROM briefdesk.revision", &[]).await.unwrap().get(0);
    assert_eq!(seen, 0);
    for sql in [
        "UPDATE briefdesk.brief SET state = 'ready'",
        "INSERT INTO briefdesk.desk (name) VALUES ('mine')",
        "DELETE FROM briefdesk.revision",
        "INSERT INTO briefdesk.member (desk_id, login, role) SELECT id, current_user, 'editor' FROM briefdesk.desk",
    ] {
        let error = client.execute(sql, &[]).await.unwrap_err();
        let message = error.as_db_error().map(|db| db.message().to_owned()).unwrap_or_default();
        assert!(message.contains("permission denied"), "{sql}: {message}");
    }

    // Asking for the other desk by name is refused as not a member.
    let wrong = DeskSession::open(&sam.url, DESK).await.err().unwrap();
    assert_eq!(wrong.code(), DeskErrorCode::NotMember, "{wrong}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_an_editor_approves_and_approval_is_pinned_to_the_revision_read() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let ed = desk.person("ed", Role::Editor).await;
    let id = ana.write(brief("Talks resume", "Negotiators met.")).await;
    ana.sync().await;
    ed.sync().await;

    // A reporter cannot approve their own brief.
    ana.local
        .run(move |s| {
            let b = s.get(id)?;
            s.set_status(id, b.revision, Status::Ready).map(|_| ())
        })
        .await
        .unwrap();
    let session = ana.session().await;
    let refused = sync_once(&ana.local, &session).await.unwrap_err();
    assert_eq!(refused.code(), DeskErrorCode::Forbidden, "{refused}");
    assert!(refused.to_string().contains("only an editor"), "{refused}");
    // (The refused change stays in the outbox; the reporter takes it back.)
    ana.local
        .run(|s| {
            for r in s.outbox()? {
                s.acknowledge(&r, briefdesk_store::Acknowledged::Refused)?;
            }
            Ok(())
        })
        .await
        .unwrap();

    // The reporter saves after the editor read: the approval fails.
    ana.edit(id, |c| c.summary = "Negotiators met late.".into()).await;
    ana.sync().await;
    ed.local
        .run(move |s| {
            let b = s.get(id)?;
            s.set_status(id, b.revision, Status::Ready).map(|_| ())
        })
        .await
        .unwrap();
    let stale = ed.sync().await;
    assert_eq!(stale.refused, vec![id], "{stale:?}");
    assert_eq!(stale.refused_states, vec![id], "a change of status was refused");
    let standing = ed.local.run(|s| s.desk_status()).await.unwrap();
    assert_eq!(standing[0].refused, Some(Refused::Status), "no words moved to a copy: {standing:?}");
    assert_ne!(server_count(&desk, "SELECT count(*) FROM briefdesk.brief WHERE state = 'ready'").await, 1);
    assert_eq!(
        ed.local.run(move |s| Ok(s.get(id)?.status)).await.unwrap(),
        Status::Draft,
        "the status goes back"
    );
    let labels = ed
        .local
        .run(move |s| Ok(s.history(id)?.into_iter().filter_map(|v| v.label).collect::<Vec<_>>()))
        .await
        .unwrap();
    assert!(
        labels.iter().any(|l| l == "Ready, not taken by the desk") && !labels.iter().any(|l| l == "Ready"),
        "History says the brief was made Ready: {labels:?}"
    );

    // Having read the new words, the editor approves.
    assert_eq!(ed.content(id).await.summary, "Negotiators met late.");
    ed.local
        .run(move |s| {
            let b = s.get(id)?;
            s.set_status(id, b.revision, Status::Ready).map(|_| ())
        })
        .await
        .unwrap();
    let approved = ed.sync().await;
    assert!(approved.refused.is_empty(), "{approved:?}");
    assert_eq!(server_count(&desk, "SELECT count(*) FROM briefdesk.brief WHERE state = 'ready'").await, 1);

    // After approval the reporter's push is refused and kept as a local copy.
    ana.sync().await;
    assert_eq!(ana.local.run(move |s| Ok(s.get(id)?.status)).await.unwrap(), Status::Ready);
    // Her page shows it locked: the desk would refuse her changes. Not his.
    for (person, locked) in [(&ana, true), (&ed, false)] {
        let marks = person.local.run(|s| s.desk_briefs()).await.unwrap();
        assert_eq!(marks[0].locked, locked, "locked for the reporter only: {marks:?}");
    }
    ana.edit(id, |c| c.summary = "A late change after approval.".into()).await;
    let late = ana.sync().await;
    assert_eq!(late.refused, vec![id]);
    assert!(late.refused_states.is_empty(), "words were refused, not a status");
    let standing = ana.local.run(|s| s.desk_status()).await.unwrap();
    let shared = standing.iter().find(|b| b.id == id).unwrap();
    assert_eq!(shared.refused, Some(Refused::Words), "{standing:?}");
    let library = ana.local.run(|s| s.list()).await.unwrap();
    let copy = library.iter().find(|b| b.id != id).expect("a local copy");
    assert!(copy.headline.contains("Talks resume"), "{copy:?}");
    let kept = ana.local.run({
        let copy = copy.id;
        move |s| Ok(s.get(copy)?.content.summary)
    });
    assert_eq!(kept.await.unwrap(), "A late change after approval.");
    assert_eq!(
        ana.content(id).await.summary,
        "Negotiators met late.",
        "the shared brief shows the approved text"
    );
    assert_eq!(
        server_count(&desk, "SELECT count(*) FROM briefdesk.revision WHERE body->>'summary' LIKE 'A late%'")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_laptop_gets_every_brief_of_the_desk_on_its_first_sync() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let mut ids = Vec::new();
    for n in 0..30 {
        ids.push(ana.write(brief(&format!("Brief {n}"), "Words.")).await);
    }
    ana.sync().await;
    let laptop = ana.new_laptop();
    let first = laptop.sync().await;
    assert_eq!(first.arrived.len(), 30);
    let mut listed: Vec<_> =
        laptop.local.run(|s| s.list()).await.unwrap().into_iter().map(|b| b.id).collect();
    listed.sort();
    ids.sort();
    assert_eq!(listed, ids);
    // And the laptop's own next save goes on from the head.
    laptop.edit(ids[0], |c| c.summary = "Edited on the new laptop.".into()).await;
    let report = laptop.sync().await;
    assert!(report.conflicted.is_empty());
    assert_eq!(
        server_count(&desk, "SELECT count(*) FROM briefdesk.revision WHERE kind = 'conflict'").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_failures_are_named() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    // Wrong password.
    let wrong = ServerUrl::parse(&ana.url.shown().replacen('@', ":not-it@", 1)).unwrap();
    let error = DeskSession::open(&wrong, DESK).await.err().unwrap();
    assert_eq!(error.code(), DeskErrorCode::WrongPassword, "{error}");
    // The desks a login may pick from: its own, none for a stranger.
    assert_eq!(briefdesk_desk::desks_of(&ana.url).await.unwrap(), [DESK]);
    let stranger = desk.login("stranger").await;
    let strangers = ServerUrl::parse(&desk.url_for(&stranger)).unwrap();
    assert!(briefdesk_desk::desks_of(&strangers).await.unwrap().is_empty());
    let error = briefdesk_desk::desks_of(&wrong).await.err().unwrap();
    assert_eq!(error.code(), DeskErrorCode::WrongPassword, "{error}");
    // A login on no desk.
    let error =
        DeskSession::open(&ServerUrl::parse(&desk.url_for(&stranger)).unwrap(), DESK).await.err().unwrap();
    assert!(matches!(error.code(), DeskErrorCode::NotMember | DeskErrorCode::Forbidden), "{error}");
    // No desk of that name.
    let error = DeskSession::open(&ana.url, "no-such-desk").await.err().unwrap();
    assert_eq!(error.code(), DeskErrorCode::NoDesk, "{error}");
    // Nobody listening on the port.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let gone = ServerUrl::parse(&format!("postgresql://ana:pw@127.0.0.1:{port}/news")).unwrap();
    let error = DeskSession::open(&gone, DESK).await.err().unwrap();
    assert_eq!(error.code(), DeskErrorCode::Unreachable, "{error}");
    assert!(error.to_string().contains("127.0.0.1"), "{error}");
    // A server schema newer than this build: refused before anything moves.
    desk.admin.execute("INSERT INTO briefdesk.schema_migration (version) VALUES (99)", &[]).await.unwrap();
    let error = DeskSession::open(&ana.url, DESK).await.err().unwrap();
    assert_eq!(error.code(), DeskErrorCode::ServerNewer, "{error}");
    assert!(error.to_string().contains("99"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_is_idempotent_and_a_reporter_cannot_change_anothers_brief() {
    let desk = TestDesk::new().await;
    let mut admin = briefdesk_desk::connect(&ServerUrl::parse(&desk.admin_url()).unwrap()).await.unwrap();
    assert_eq!(briefdesk_desk::init(&mut admin).await.unwrap(), briefdesk_desk::DESK_SCHEMA_VERSION);
    assert_eq!(
        server_count(&desk, "SELECT count(*) FROM briefdesk.schema_migration").await,
        i64::from(briefdesk_desk::DESK_SCHEMA_VERSION)
    );
    let ana = desk.person("ana", Role::Reporter).await;
    let bob = desk.person("bob", Role::Reporter).await;
    let id = ana.write(brief("Ana's brief", "Hers.")).await;
    ana.sync().await;
    bob.sync().await;
    bob.edit(id, |c| c.summary = "Bob's words.".into()).await;
    let session = bob.session().await;
    let error = sync_once(&bob.local, &session).await.unwrap_err();
    assert_eq!(error.code(), DeskErrorCode::Forbidden, "{error}");
    assert!(error.to_string().contains("author or an editor"), "{error}");
    assert_eq!(bob.local.run(|s| s.outbox()).await.unwrap().len(), 1, "Bob's words stay on his laptop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_that_would_break_a_limit_is_a_conflict_not_a_stuck_sync() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let ed = desk.person("ed", Role::Editor).await;
    let mut content = brief("Many bullets", "A long list.");
    content.key_developments = (0..150).map(|n| format!("Original development number {n}.")).collect();
    let id = ana.write(content).await;
    ana.sync().await;
    ed.sync().await;
    // Each side rewrites every bullet: keeping both would be 300 bullets.
    let section = |heading: &str, body: &str| ReportSection { heading: heading.into(), body: body.into() };
    let (ana_report, ed_report) = (
        vec![section("Ana's account", "As Ana saw it.\n\nA second paragraph.")],
        vec![section("Ed's account", "As Ed saw it."), section("Background", "Earlier talks.")],
    );
    let theirs = ed_report.clone();
    ana.edit(id, move |c| {
        c.key_developments = (0..150).map(|n| format!("Ana wrote item {n} anew today.")).collect();
        c.report = ana_report;
    })
    .await;
    ed.edit(id, move |c| {
        c.key_developments = (0..150).map(|n| format!("Ed rewrote point {n} entirely.")).collect();
        c.report = ed_report;
    })
    .await;
    ed.sync().await;
    let report = ana.sync().await;
    assert_eq!(report.conflicted, vec![id], "{report:?}");
    let content = ana.content(id).await;
    assert_eq!(content.key_developments.len(), 150);
    assert!(content.key_developments[0].starts_with("Ana"), "the local words stay");
    let conflicts = ana.local.run(move |s| s.conflicts_of(id)).await.unwrap().expect("conflicts");
    assert_eq!(conflicts.theirs_author.as_deref(), Some(ed.url.login()));
    let parts: Vec<BriefPart> = conflicts.parts.iter().map(|c| c.part).collect();
    assert_eq!(parts, [BriefPart::KeyDevelopments, BriefPart::Report]);
    ana.local
        .run(move |s| s.resolve(id, Some(BriefPart::KeyDevelopments), briefdesk_store::Take::Theirs))
        .await
        .unwrap();
    // The Full Report, in conflict as a whole, takes their sections as they wrote them.
    ana.local
        .run(move |s| s.resolve(id, Some(BriefPart::Report), briefdesk_store::Take::Theirs))
        .await
        .unwrap();
    assert!(ana.local.run(move |s| s.conflicts_of(id)).await.unwrap().is_none());
    let done = ana.sync().await;
    assert!(done.conflicted.is_empty() && done.waiting == 0, "{done:?}");
    let content = ana.content(id).await;
    assert!(content.key_developments[0].starts_with("Ed"));
    assert_eq!(content.report, theirs);
}

/// Whether brief `id` is in `person`'s Trash (it is in the library otherwise).
async fn in_trash(person: &support::Person, id: briefdesk_core::BriefId) -> bool {
    let trash = person.local.run(|s| s.trash()).await.unwrap();
    let library = person.local.run(|s| s.list()).await.unwrap();
    let trashed = trash.iter().any(|b| b.id == id);
    assert_ne!(trashed, library.iter().any(|b| b.id == id), "in the Trash or the library, not both");
    trashed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trash_travels_and_an_edit_beats_a_delete() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let ed = desk.person("ed", Role::Editor).await;
    let id = ana.write(brief("Talks resume", "Negotiators met.")).await;
    ana.sync().await;
    ed.sync().await;

    // She moves it to the Trash: it goes to the editor's Trash, whole.
    ana.local.run(move |s| s.delete(id)).await.unwrap();
    let pushed = ana.sync().await;
    assert!(pushed.refused.is_empty(), "{pushed:?}");
    assert_eq!(server_count(&desk, "SELECT count(*) FROM briefdesk.brief WHERE trashed").await, 1);
    let pulled = ed.sync().await;
    assert_eq!(pulled.trashed, vec![id], "{pulled:?}");
    assert!(in_trash(&ed, id).await, "the editor's library still shows a brief the desk trashed");
    assert_eq!(ed.local.run(move |s| Ok(s.trash()?[0].headline.clone())).await.unwrap(), "Talks resume");

    // He takes it out again: back in hers.
    ed.local.run(move |s| s.restore_from_trash(id)).await.unwrap();
    ed.sync().await;
    let pulled = ana.sync().await;
    assert_eq!(pulled.restored, vec![id], "{pulled:?}");
    assert!(!in_trash(&ana, id).await);
    assert_eq!(server_count(&desk, "SELECT count(*) FROM briefdesk.brief WHERE trashed").await, 0);
    // A restore is no new version: the desk's numbers are the words'.
    assert_eq!(
        server_count(&desk, "SELECT count(*) FROM briefdesk.revision WHERE version IS NOT NULL").await,
        1
    );

    // Offline, he edits while she deletes: his words win, on the desk and on both laptops.
    ed.edit(id, |c| c.summary = "Negotiators met late.".into()).await;
    ana.local.run(move |s| s.delete(id)).await.unwrap();
    ed.sync().await;
    let refused = ana.sync().await;
    assert_eq!(refused.refused_trash, vec![id], "a delete of words she had not read: {refused:?}");
    assert!(!in_trash(&ana, id).await, "the brief stays in her library");
    assert_eq!(ana.content(id).await.summary, "Negotiators met late.");
    assert_eq!(server_count(&desk, "SELECT count(*) FROM briefdesk.brief WHERE trashed").await, 0);

    // She deletes it having read them; he had typed meanwhile, not yet
    // pushed: his brief stays with him, and his push brings it back for her.
    ana.local.run(move |s| s.delete(id)).await.unwrap();
    ana.sync().await;
    ed.edit(id, |c| c.summary = "Negotiators met late on Monday.".into()).await;
    let pulled = ed.sync().await;
    assert!(pulled.trashed.is_empty() && pulled.restored.is_empty(), "his words were trashed: {pulled:?}");
    assert!(!in_trash(&ed, id).await);
    assert_eq!(server_count(&desk, "SELECT count(*) FROM briefdesk.brief WHERE trashed").await, 0);
    let pulled = ana.sync().await;
    assert_eq!(pulled.restored, vec![id], "{pulled:?}");
    assert_eq!(ana.content(id).await.summary, "Negotiators met late on Monday.");

    // Emptying the Trash is this laptop's own: the desk keeps every revision.
    ana.local.run(move |s| s.delete(id)).await.unwrap();
    ana.sync().await;
    ana.local.run(move |s| s.empty_trash(&[id]).map(|_| ())).await.unwrap();
    assert!(ana.sync().await.refused.is_empty());
    assert_eq!(server_count(&desk, "SELECT count(*) FROM briefdesk.brief").await, 1);
    assert_eq!(ed.sync().await.trashed, vec![id]);
    assert!(in_trash(&ed, id).await);
}
