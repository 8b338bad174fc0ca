//! Which links from a brief the desktop may open. A link is opened only on
//! a person's explicit action, in their browser or mail client, never in
//! the app's own window; anything that could run or reach local things
//! (`javascript:`, `file:`, `data:`, a relative path) is refused.

use crate::ValidationError;

/// Schemes handed to the desktop: the web, and mail.
const OPENABLE: [&str; 3] = ["http", "https", "mailto"];

/// `href` trimmed, when it is an absolute http, https or mailto link with
/// something after the scheme and no whitespace or control characters
/// (which a desktop opener might split or misread).
pub fn openable_link(href: &str) -> Result<&str, ValidationError> {
    let refused = || ValidationError::LinkNotOpenable(href.chars().take(200).collect());
    let link = href.trim();
    let (scheme, rest) = link.split_once(':').ok_or_else(refused)?;
    let known = OPENABLE.iter().any(|s| s.eq_ignore_ascii_case(scheme));
    let web = !scheme.eq_ignore_ascii_case("mailto");
    let rest_ok = if web {
        rest.strip_prefix("//").is_some_and(|host| !host.is_empty() && !host.starts_with('/'))
    } else {
        !rest.is_empty()
    };
    if !known || !rest_ok || link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refused());
    }
    Ok(link)
}

/// The headline of the brief that keeps words a conflict would otherwise
/// drop: the original headline (or "Untitled brief") marked as a conflicted
/// copy, shortened so that the mark always fits within `limit` characters.
pub fn conflicted_copy_headline(headline: &str, limit: usize) -> String {
    const MARK: &str = " (conflicted copy)";
    let base = if headline.trim().is_empty() { "Untitled brief" } else { headline.trim_end() };
    let room = limit.saturating_sub(MARK.chars().count());
    let mut kept: String = base.chars().take(room).collect();
    if kept.chars().count() < base.chars().count() {
        // Cut at a word where one is near, and say that something was cut.
        kept.pop();
        if let Some(space) = kept.rfind(' ').filter(|&i| kept[i..].chars().count() < 30) {
            kept.truncate(space);
        }
        kept.push('…');
    }
    kept + MARK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_open() {
        for ok in [
            "https://www.reuters.com/world/asia",
            "http://example.org",
            "  HTTPS://example.org/a?b=c#d ",
            "mailto:desk@example.org",
        ] {
            assert_eq!(openable_link(ok), Ok(ok.trim()), "{ok}");
        }
        for refused in [
            "",
            "#section",
            "/etc/passwd",
            "brief.md",
            "../index.html",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<b>x</b>",
            "tel:+441234",
            "https:",
            "https:///path",
            "http:example.org",
            "mailto:",
            "https://exa mple.org",
            "https://example.org/\nfile:///etc",
            "tauri://localhost/index.html",
        ] {
            let error = openable_link(refused).unwrap_err();
            assert!(error.to_string().contains("only web"), "{refused}: {error}");
        }
    }

    #[test]
    fn a_conflicted_copy_headline_always_fits() {
        assert_eq!(conflicted_copy_headline("Lee meets Xi", 2_000), "Lee meets Xi (conflicted copy)");
        assert_eq!(conflicted_copy_headline("  ", 2_000), "Untitled brief (conflicted copy)");
        let long = "word ".repeat(400);
        let made = conflicted_copy_headline(&long, 2_000);
        assert!(made.chars().count() <= 2_000, "{}", made.chars().count());
        assert!(made.ends_with("… (conflicted copy)"), "{made}");
        let unbroken = "x".repeat(2_000);
        let made = conflicted_copy_headline(&unbroken, 2_000);
        assert_eq!(made.chars().count(), 2_000);
        let cjk = "中".repeat(1_990);
        assert!(conflicted_copy_headline(&cjk, 2_000).chars().count() <= 2_000);
    }
}
