//! The Briefdesk domain: the [`Brief`] model, its validation and its formats.
//!
//! This crate does no IO. Clocks and ids come in as arguments, so every
//! function here is deterministic and tested without a file system.

mod json;
mod markdown;
mod model;
mod validate;

pub use json::to_json;
pub use markdown::to_markdown;
pub use model::{Brief, BriefContent, BriefId, BriefSummary, ReportSection, Status};
pub use validate::{validate, Limits, Part, ValidationError};
