//! Reading reports back from JSON (the page's analysis worker sends them
//! that way). Their `&'static str` fields hold ids, citations and names from
//! the core's own tables, so reading one looks it up there: a value no table
//! has is an error, never a leaked allocation. (Such fields are written
//! `&'static core::primitive::str`: serde's derive takes a plain `&str` field
//! for text borrowed from the input, which would have to outlive everything.)
use alloc::string::String;

use serde::de::{Deserialize, Deserializer, Error};

use crate::log::{ControlSource, Fix, FixIssue, ServerSoftware, VerdictKind};
use crate::{Citation, FindingId, Msg};

fn find<E: Error>(value: &str, mut table: impl Iterator<Item = &'static str>) -> Result<&'static str, E> {
    table.find(|known| *known == value).ok_or_else(|| E::custom(format_args!("no such id or name in this core: {value:?}")))
}

fn one<'de, D: Deserializer<'de>>(d: D, table: impl Iterator<Item = &'static str>) -> Result<&'static str, D::Error> {
    find(&String::deserialize(d)?, table)
}

fn optional<'de, D: Deserializer<'de>>(d: D, table: impl Iterator<Item = &'static str>) -> Result<Option<&'static str>, D::Error> {
    Option::<String>::deserialize(d)?.map(|value| find(&value, table)).transpose()
}

/// Every server-side fix the core can give.
fn fixes() -> impl Iterator<Item = Fix> {
    let servers = core::iter::once(None).chain(ServerSoftware::ALL.into_iter().map(Some));
    servers.flat_map(|server| [FixIssue::Nat, FixIssue::Ports].map(|issue| Fix { issue, server, ports: None }))
}

/// An error id: the catalog keys `error.<id>` are the ids of every `ErrorKind`.
pub(crate) fn error_id<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    one(d, Msg::ALL.iter().filter_map(|m| m.key().strip_prefix("error.")))
}

pub(crate) fn finding_id<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    one(d, FindingId::ALL.iter().map(|f| f.as_str()))
}

pub(crate) fn verdict_id<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    one(d, VerdictKind::ALL.iter().map(|v| v.as_str()))
}

pub(crate) fn fix_id<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    one(d, fixes().map(Fix::id))
}

pub(crate) fn server_name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    optional(d, ServerSoftware::ALL.into_iter().map(ServerSoftware::name))
}

pub(crate) fn control_source<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    optional(d, [ControlSource::Log { line: 0 }, ControlSource::Override].into_iter().map(ControlSource::as_str))
}

#[derive(serde::Deserialize)]
struct CitationText {
    label: String,
    url: String,
}

/// A citation is one of the findings', the verdicts' or the fixes'.
impl<'de> Deserialize<'de> for Citation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = CitationText::deserialize(d)?;
        let findings = FindingId::ALL.iter().map(|f| f.citation());
        let verdicts = VerdictKind::ALL.iter().map(|v| v.citation());
        findings
            .chain(verdicts)
            .chain(fixes().map(Fix::citation))
            .find(|c| c.label == text.label && c.url == text.url)
            .ok_or_else(|| D::Error::custom(format_args!("no such citation in this core: {:?}", text.label)))
    }
}
