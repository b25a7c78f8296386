//! Tools for scenario authors, on top of the loader: start a scenario ([`template`]), check its
//! design beyond validity ([`lint`]), and read it back as a summary ([`explain`]).
//!
//! All three only read scenarios; none touches a running simulation.

pub mod check;
pub mod explain;
pub mod lint;
pub mod template;
