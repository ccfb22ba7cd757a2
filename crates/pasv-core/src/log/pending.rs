//! Commands awaiting their reply: a fixed ring, so the scan never allocates
//! for them. Replies pair with commands first in, first out, as the protocol
//! requires (pipelined commands included).
use crate::Command;

/// Commands whose reply comes after a data transfer.
pub(crate) const TRANSFER: [&str; 7] = ["LIST", "NLST", "MLSD", "RETR", "STOR", "STOU", "APPE"];

#[derive(Clone, Copy)]
pub(crate) struct Pending<'a> {
    pub word: &'a str,
    pub line: usize,
    pub data: Option<Command>,
    /// The exchange of an active command, which the reply completes.
    pub exchange: Option<usize>,
    pub transfer: bool,
}

impl Pending<'_> {
    pub fn passive(&self) -> bool {
        matches!(self.data, Some(Command::Pasv | Command::Epsv | Command::Lpsv))
    }
}

/// Commands awaiting their reply. Bounded: a log of commands without replies
/// forgets the oldest.
pub(crate) struct Queue<'a> {
    items: [Option<Pending<'a>>; 8],
    head: usize,
    len: usize,
}

impl<'a> Queue<'a> {
    pub fn new() -> Self {
        Queue { items: [None; 8], head: 0, len: 0 }
    }
    pub fn push(&mut self, p: Pending<'a>) {
        if self.len == self.items.len() {
            self.pop();
        }
        self.items[(self.head + self.len) % self.items.len()] = Some(p);
        self.len += 1;
    }
    pub fn pop(&mut self) -> Option<Pending<'a>> {
        if self.len == 0 {
            return None;
        }
        let p = self.items[self.head].take();
        self.head = (self.head + 1) % self.items.len();
        self.len -= 1;
        p
    }
    pub fn front(&self) -> Option<&Pending<'a>> {
        if self.len == 0 {
            None
        } else {
            self.items[self.head].as_ref()
        }
    }
    pub fn clear(&mut self) {
        while self.pop().is_some() {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_forgets_oldest() {
        let mut q = Queue::new();
        for line in 0..10 {
            q.push(Pending { word: "NOOP", line, data: None, exchange: None, transfer: false });
        }
        assert_eq!(q.pop().map(|p| p.line), Some(2));
        assert_eq!(q.front().map(|p| p.line), Some(3));
    }
}
