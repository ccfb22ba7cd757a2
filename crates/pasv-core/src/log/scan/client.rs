//! The client's own words in the scan: where it connects, whether it
//! replaced an announced address, whether a data connection opened or
//! failed.
use alloc::string::ToString;

use super::super::notes::{self, Connection};
use super::super::phrase::Haystack;
use super::super::{DataFailure, FailureKind};
use super::Scanner;
use crate::SocketTarget;

impl Scanner<'_> {
    /// A note of the client; `filezilla`: in FileZilla's shape (its
    /// messages in other languages are looked for only there).
    pub(super) fn note(&mut self, no: usize, text: &str, filezilla: bool) {
        if let Some(c) = notes::connection(text, filezilla) {
            return self.connection(no, c);
        }
        let hay = Haystack::new(text);
        if notes::is_fixup(hay, filezilla) {
            if let Some(d) = self.last_draft() {
                d.client_fixup.get_or_insert(no);
            }
            return;
        }
        if notes::data_established(text) {
            return self.data_connected(no);
        }
        if let Some(kind) = notes::failure(hay, filezilla) {
            self.failure(no, kind, text, filezilla, notes::failed_target(text));
        }
    }

    /// The client says the data connection of the latest exchange is open.
    pub(super) fn data_connected(&mut self, no: usize) {
        if let Some(d) = self.last_draft().filter(|d| d.failure.is_none() && d.completed.is_none()) {
            d.data_connected.get_or_insert(no);
        }
    }

    pub(super) fn connection(&mut self, no: usize, c: Connection) {
        if !self.frozen && !c.data {
            // Before the session starts: the control connection. The
            // established one wins over attempts; the last attempt over earlier ones.
            if c.established || !self.control_established {
                self.out.control = Some((c.ip, no));
                self.control_port = c.port;
                self.control_established |= c.established;
            }
            return;
        }
        if !c.data && c.port.is_some_and(|p| self.is_control_port(p)) {
            if c.established && self.data_attempt().is_some() {
                // curl 7.88 names the control connection's port when the
                // data connection it was opening is established
                // (`Connected to host (ip) port 21 (#0)`).
                return self.data_connected(no);
            }
            // A reconnection: whatever was pending died with the old connection.
            self.conns[self.cur].queue.clear();
            self.out.control.get_or_insert((c.ip, no));
            return;
        }
        if let (Some(port), Some(d)) = (c.port, self.last_draft()) {
            d.client_target = Some((SocketTarget { ip: c.ip, port }, no));
        }
        if c.data && c.established {
            self.data_connected(no);
        }
    }

    /// The control connection's port: the one the client named, else 21 or 990.
    pub(super) fn is_control_port(&self, port: u16) -> bool {
        self.control_port.map_or(matches!(port, 21 | 990), |p| p == port)
    }

    /// Where the client said the latest exchange's data connection goes,
    /// while that connection is neither open nor failed.
    pub(super) fn data_attempt(&self) -> Option<SocketTarget> {
        let d = &self.out.drafts[self.conns[self.cur].last?];
        let (target, _) = d.client_target?;
        let open = d.active || d.data_connected.is_some() || d.failure.is_some() || d.completed.is_some();
        (!open && !self.is_control_port(target.port)).then_some(target)
    }

    pub(super) fn failure(&mut self, no: usize, kind: FailureKind, text: &str, filezilla: bool, mut target: Option<SocketTarget>) {
        if target.is_some_and(|t| self.is_control_port(t.port)) {
            // curl 7.88 names the control connection's port when the data
            // connection it was opening fails (`Failed to connect to host
            // port 21`): after the client said where that connection went,
            // the failure is the data connection's.
            match self.data_attempt() {
                Some(data) => target = Some(data),
                None => return, // the control connection
            }
        }
        let exchange = self.conns[self.cur].last.filter(|&i| self.out.drafts[i].completed.is_none());
        let taken = match exchange {
            Some(i) => self.out.drafts[i].failure.is_some(),
            // After a completed transfer or before any exchange: only messages
            // that can only be about a data connection count.
            None => self.stray_failure || !notes::data_specific(Haystack::new(text), filezilla),
        };
        if taken {
            return;
        }
        let text = text.to_string();
        match exchange {
            Some(i) => self.out.drafts[i].failure = Some(self.out.failures.len()),
            None => self.stray_failure = true,
        }
        self.out.failures.push(DataFailure { line: no, kind, text, exchange, target });
    }
}
