//! authlint finds integration code and configuration that still relies on a deprecated
//! authentication flow (Salesforce's OAuth username-password flow and SOAP `login()`, legacy
//! login hosts, stored security tokens and passwords, secrets in query strings, Zoom JWT apps)
//! and says how to fix it.
//!
//! The library is the pipeline; the binary only parses arguments and prints:
//!
//! ```no_run
//! let config = authlint::Config { paths: vec!["src".into()], ..Default::default() };
//! let report = authlint::scan(&config)?;
//! for f in &report.findings {
//!     println!("{}:{}:{}: {} {}", f.path, f.start.line, f.start.column, f.rule, f.message);
//! }
//! # Ok::<(), anyhow::Error>(())
//! ```

pub mod apply;
pub mod baseline;
pub mod config;
pub mod dotenv;
pub mod evidence;
pub mod factmatch;
pub mod facts;
pub mod finding;
pub mod gitdiff;
pub mod lang;
pub mod linehash;
pub mod lineindex;
pub mod markdown;
pub mod mask;
pub mod matcher;
pub mod prefilter;
pub mod redact;
pub mod report;
pub mod rule;
pub mod scan;
pub mod suppress;
pub mod syntax;
pub mod urls;

pub use finding::{Applicability, Finding, Level};
pub use matcher::MatchOptions;
pub use rule::Catalog;
pub use scan::{Config, Report, scan};
