//! A short list stored inline, so that decoding a line does not allocate:
//! the spans of a reply's fields and its few findings fit in fixed arrays.
//! Beyond its inline capacity a list moves to the heap, so nothing is ever
//! dropped (a multi-line reply can carry a finding per line).
use alloc::vec::Vec;
use core::fmt;
use core::ops::{Deref, DerefMut};

use crate::{Finding, FindingId, Span};

/// Up to `N` items inline, more on the heap; reads as a slice.
#[derive(Clone)]
pub struct InlineVec<T: Copy, const N: usize> {
    len: usize,
    inline: [T; N],
    /// Holds every item once the list outgrew `inline`.
    heap: Vec<T>,
}

impl<T: Copy, const N: usize> InlineVec<T, N> {
    /// An empty list; `filler` only occupies the unused inline slots.
    const fn with_filler(filler: T) -> Self {
        InlineVec { len: 0, inline: [filler; N], heap: Vec::new() }
    }

    /// Append an item.
    #[inline]
    pub fn push(&mut self, item: T) {
        if !self.heap.is_empty() {
            self.heap.push(item);
        } else if self.len < N {
            self.inline[self.len] = item;
            self.len += 1;
        } else {
            let mut heap = Vec::with_capacity(2 * N + 1);
            heap.extend_from_slice(&self.inline[..self.len]);
            heap.push(item);
            self.heap = heap;
            self.len = 0;
        }
    }

    /// Append every item of `items`.
    #[inline]
    pub fn extend_from_slice(&mut self, items: &[T]) {
        let end = self.len + items.len();
        if self.heap.is_empty() && end <= N {
            // The common case: one copy into the inline array.
            self.inline[self.len..end].copy_from_slice(items);
            self.len = end;
        } else {
            for &item in items {
                self.push(item);
            }
        }
    }
}

impl<T: Copy, const N: usize> Deref for InlineVec<T, N> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        if self.heap.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.heap
        }
    }
}

impl<T: Copy, const N: usize> DerefMut for InlineVec<T, N> {
    fn deref_mut(&mut self) -> &mut [T] {
        if self.heap.is_empty() {
            &mut self.inline[..self.len]
        } else {
            &mut self.heap
        }
    }
}

impl<T: Copy + PartialEq, const N: usize> PartialEq for InlineVec<T, N> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Copy + Eq, const N: usize> Eq for InlineVec<T, N> {}

impl<T: Copy + fmt::Debug, const N: usize> fmt::Debug for InlineVec<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a, T: Copy, const N: usize> IntoIterator for &'a InlineVec<T, N> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T: Copy, const N: usize> IntoIterator for &'a mut InlineVec<T, N> {
    type Item = &'a mut T;
    type IntoIter = core::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<const N: usize> Default for InlineVec<Span, N> {
    fn default() -> Self {
        InlineVec::with_filler(Span::new(0, 0))
    }
}

impl<const N: usize> Default for InlineVec<Finding, N> {
    fn default() -> Self {
        // Never read: only slots below `len` are.
        const FILLER: Finding = Finding::new(FindingId::TrailingText, None);
        InlineVec::with_filler(FILLER)
    }
}

impl<T: Copy, const N: usize> serde::Serialize for InlineVec<T, N>
where
    T: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

/// Spans of an address's fields: four inline (IPv4), the 16 of an LPRT/228
/// IPv6 address on the heap.
pub type AddressSpans = InlineVec<Span, 4>;
/// Spans of a port's fields (`p1`, `p2`, or the decimal port).
pub type PortSpans = InlineVec<Span, 2>;
/// A decoded line's lints: a few inline, more on the heap.
pub type Lints = InlineVec<Finding, 3>;
/// An analysed line's findings (its lints and the analysis).
pub type Findings = InlineVec<Finding, 6>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spills_to_the_heap_keeping_order() {
        let mut v: InlineVec<Span, 2> = InlineVec::default();
        assert!(v.is_empty());
        for i in 0..5 {
            v.push(Span::new(i, i + 1));
        }
        assert_eq!(v.iter().map(|s| s.start).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        v[0] = Span::new(9, 9);
        assert_eq!(v[0], Span::new(9, 9));
        let mut w: InlineVec<Span, 2> = InlineVec::default();
        w.extend_from_slice(&[Span::new(1, 2)]);
        assert_eq!(&*w, &[Span::new(1, 2)]);
    }
}
