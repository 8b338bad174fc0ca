//! Brief text made safe to print on a terminal.
//!
//! A brief can come from anywhere (an imported wire story, a paste), and a
//! terminal obeys what it prints: ESC and the C1 controls start sequences
//! that set the window title, write the clipboard (OSC 52), move the cursor
//! or redraw lines already printed; a carriage return or backspace
//! overwrites what came before; bidi overrides and isolates reorder what
//! follows them so it reads as something else. Each such character is made
//! visible instead of removed, so a reader sees that something was there:
//! C0 controls and DEL as their Control Pictures (ESC as `␛`), C1 controls
//! and bidi formatting characters as `\u{…}` escapes. What follows a
//! neutralised ESC (`]0;title`) is then plain text.

use std::borrow::Cow;

/// Whether the text may keep its own line breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TerminalLayout {
    /// A cell of a table (a headline, a label, a tag): a newline would
    /// start a forged row, so it is shown as `␊`.
    OneLine,
    /// A document or report printed whole: newlines stay.
    MultiLine,
}

/// `text` with every character a terminal would act on made visible.
/// Borrowed when there is nothing to change, which is nearly always.
pub fn for_terminal(text: &str, layout: TerminalLayout) -> Cow<'_, str> {
    let Some(first) = text.find(|c| needs_neutralising(c, layout)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if !needs_neutralising(c, layout) {
            out.push(c);
            continue;
        }
        match c {
            // Control Pictures: U+2400 + the code for NUL…US, U+2421 for DEL.
            '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            // C1 controls and bidi formatting have no pictures.
            _ => out.push_str(&c.escape_unicode().to_string()),
        }
    }
    Cow::Owned(out)
}

fn needs_neutralising(c: char, layout: TerminalLayout) -> bool {
    match c {
        // A tab only moves the cursor right; it cannot hide or forge text.
        '\t' => false,
        '\n' => layout == TerminalLayout::OneLine,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI. The marks (LRM,
        // RLM, ALM) stay: right-to-left text needs them, and they reorder
        // nothing beyond themselves.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_terminal_would_obey_becomes_visible() {
        // (input, as one line, as several lines)
        let cases: &[(&str, &str, &str)] = &[
            ("Lee heads to Beijing", "Lee heads to Beijing", "Lee heads to Beijing"),
            (
                "이재명, 베이징 방문 — ‘reset’ 🇰🇷",
                "이재명, 베이징 방문 — ‘reset’ 🇰🇷",
                "이재명, 베이징 방문 — ‘reset’ 🇰🇷",
            ),
            ("", "", ""),
            ("a\tb", "a\tb", "a\tb"),
            ("one\ntwo", "one␊two", "one\ntwo"),
            ("red \u{1b}[31mtext\u{1b}[0m", "red ␛[31mtext␛[0m", "red ␛[31mtext␛[0m"),
            ("\u{1b}[2J\u{1b}[H", "␛[2J␛[H", "␛[2J␛[H"),
            // OSC 0 sets the window title, ended by BEL or by ST (ESC \).
            ("\u{1b}]0;pwned\u{7}", "␛]0;pwned␇", "␛]0;pwned␇"),
            ("\u{1b}]2;pwned\u{1b}\\", "␛]2;pwned␛\\", "␛]2;pwned␛\\"),
            // OSC 52 writes the clipboard.
            ("\u{1b}]52;c;cm0gLXJmIH4K\u{7}", "␛]52;c;cm0gLXJmIH4K␇", "␛]52;c;cm0gLXJmIH4K␇"),
            // OSC 8 hyperlinks whose text differs from their target.
            (
                "\u{1b}]8;;https://evil.example\u{1b}\\bank\u{1b}]8;;\u{1b}\\",
                "␛]8;;https://evil.example␛\\bank␛]8;;␛\\",
                "␛]8;;https://evil.example␛\\bank␛]8;;␛\\",
            ),
            // The 8-bit forms: CSI, OSC, ST, and the rest of C1.
            ("\u{9b}31m", "\\u{9b}31m", "\\u{9b}31m"),
            ("\u{9d}0;pwned\u{9c}", "\\u{9d}0;pwned\\u{9c}", "\\u{9d}0;pwned\\u{9c}"),
            ("\u{80}\u{85}\u{9f}", "\\u{80}\\u{85}\\u{9f}", "\\u{80}\\u{85}\\u{9f}"),
            // Overwriting what was printed.
            ("safe\rEVIL", "safe␍EVIL", "safe␍EVIL"),
            ("ok\u{8}\u{8}no", "ok␈␈no", "ok␈␈no"),
            ("\u{0}\u{7}\u{7f}", "␀␇␡", "␀␇␡"),
            ("a\r\nb", "a␍␊b", "a␍\nb"),
            // Bidi overrides and isolates (Trojan Source).
            ("invoice\u{202e}fdp.exe", "invoice\\u{202e}fdp.exe", "invoice\\u{202e}fdp.exe"),
            (
                "\u{202a}\u{202b}\u{202c}\u{202d}\u{2066}\u{2067}\u{2068}\u{2069}",
                "\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{2066}\\u{2067}\\u{2068}\\u{2069}",
                "\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{2066}\\u{2067}\\u{2068}\\u{2069}",
            ),
            // Marks stay: Hebrew and Arabic text uses them.
            ("שלום\u{200f} abc \u{200e}", "שלום\u{200f} abc \u{200e}", "שלום\u{200f} abc \u{200e}"),
            // Characters just outside the ranges stay.
            ("\u{a0}\u{2029}\u{206a}", "\u{a0}\u{2029}\u{206a}", "\u{a0}\u{2029}\u{206a}"),
        ];
        assert!(cases.len() >= 20);
        for (input, one_line, multi_line) in cases {
            assert_eq!(for_terminal(input, TerminalLayout::OneLine), *one_line, "{input:?} as one line");
            assert_eq!(for_terminal(input, TerminalLayout::MultiLine), *multi_line, "{input:?} as lines");
        }
    }

    #[test]
    fn nothing_a_terminal_acts_on_survives_any_character() {
        for code in 0..=0x2_ffff_u32 {
            let Some(c) = char::from_u32(code) else { continue };
            let text = c.to_string();
            for layout in [TerminalLayout::OneLine, TerminalLayout::MultiLine] {
                let safe = for_terminal(&text, layout);
                let kept_newline = layout == TerminalLayout::MultiLine && c == '\n';
                assert!(
                    kept_newline
                        || safe.chars().all(|c| c == '\t' || !needs_neutralising(c, TerminalLayout::OneLine)),
                    "{c:?} as {layout:?} gave {safe:?}"
                );
            }
        }
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(for_terminal("plain words", TerminalLayout::OneLine), Cow::Borrowed(_)));
        assert!(matches!(for_terminal("two\nlines", TerminalLayout::MultiLine), Cow::Borrowed(_)));
    }
}
